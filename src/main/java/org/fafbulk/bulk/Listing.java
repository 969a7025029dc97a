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
    try {
      while (source.hasNext()) {
        window.acquire();
        events.put(new Event.Listed(source.next()));
      }
      events.put(new Event.ListingEnded(Optional.empty()));
    } catch (InterruptedException e) {
      // The run stopped; nobody waits for the rest of the listing.
    } catch (RuntimeException e) {
      events.add(new Event.ListingEnded(Optional.of(e)));
    } catch (Error e) {
      events.add(new Event.Crashed(e)); // the coordinator must not wait for an end that never comes
    }
  }

  /** Abandons the listing: a page in flight is not waited for, as the thread is a daemon. */
  @Override
  public void close() {
    thread.interrupt();
  }
}
