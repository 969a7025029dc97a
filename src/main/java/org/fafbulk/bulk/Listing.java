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
  /** How long a stop waits for the listing's thread to close its source. */
  private static final long CLOSE_WAIT_MILLIS = 2_000;

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
   * Abandons the listing and gives its thread a moment to close the source, which deletes the
   * scratch file of a page waiting to be listed: a thread waiting for the window ends at once. A
   * page still being fetched is not waited for longer (the thread is a daemon, and a stop must stay
   * prompt); its scratch file then stays in the output directory until the next run's clean-up.
   */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // abandoned: the clean-up of the next run remains
    }
  }
}
