package org.fafbulk.bulk;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Walks a {@link TargetSource} on a thread of its own, so that a slow or rate-limited API page
 * never holds up the coordinating thread: targets arrive as {@link Event.Listed} events, at most
 * {@code window} ahead of the ones the coordinator has started or settled without a download.
 */
final class Listing implements AutoCloseable {
  private final TargetSource source;
  private final BlockingQueue<Event> events;
  private final Semaphore window;
  private final Thread thread;

  Listing(TargetSource source, BlockingQueue<Event> events, int window) {
    this.source = source;
    this.events = events;
    this.window = new Semaphore(window);
    this.thread = new Thread(this::walk, "faf-listing");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** One listed target no longer waits: its download started, or it needs none. */
  void taken() {
    window.release();
  }

  private void walk() {
    Event end;
    try {
      // The source is closed before its end is told, however it ends: once the run has seen the
      // end, no scratch file of the listing is left.
      try (TargetSource targets = source) {
        while (targets.hasNext()) {
          window.acquire();
          events.put(new Event.Listed(targets.next()));
        }
      }
      end = new Event.ListingEnded(Optional.empty());
    } catch (InterruptedException e) {
      return; // The run stopped; nobody waits for the rest of the listing.
    } catch (RuntimeException e) {
      end = new Event.ListingEnded(Optional.of(e));
    } catch (Error e) {
      end = new Event.Crashed(e); // the coordinator must not wait for an end that never comes
    }
    events.add(end);
  }

  /**
   * Abandons the listing: a page in flight is not waited for, as the thread is a daemon. The thread
   * closes the source as it ends; if the process exits first, the scratch file of a page in flight
   * stays in the output directory until the next run's clean-up.
   */
  @Override
  public void close() {
    thread.interrupt();
  }
}
