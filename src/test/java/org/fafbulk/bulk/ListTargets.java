package org.fafbulk.bulk;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A selection from a list; with {@code pauseAfter}, it stops after that many maps, as a listing
 * does while it waits out a 429, until {@link #resume()}.
 */
class ListTargets implements TargetSource {
  private final List<MapTarget> targets;
  private final int pauseAfter;
  private final CountDownLatch resumed = new CountDownLatch(1);
  private volatile boolean paused;
  private final AtomicInteger next = new AtomicInteger();
  private volatile Thread walker;
  private volatile boolean closed;

  ListTargets(List<MapTarget> targets, int pauseAfter) {
    this.targets = targets;
    this.pauseAfter = pauseAfter;
  }

  ListTargets(List<MapTarget> targets) {
    this(targets, Integer.MAX_VALUE);
  }

  boolean paused() {
    return paused;
  }

  void resume() {
    resumed.countDown();
  }

  /** How many maps have been taken from this selection. */
  int listed() {
    return next.get();
  }

  /** Whether the thread that takes the maps is waiting for a permit of a {@link Semaphore}. */
  boolean waitsForPermit() {
    Thread thread = walker;
    return thread != null
        && thread.getState() == Thread.State.WAITING
        && Arrays.stream(thread.getStackTrace())
            .anyMatch(frame -> frame.getClassName().equals(Semaphore.class.getName()));
  }

  @Override
  public OptionalLong expected() {
    return OptionalLong.of(targets.size());
  }

  @Override
  public boolean hasNext() {
    if (next.get() == pauseAfter) {
      paused = true;
      try {
        resumed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("listing interrupted", e);
      }
      paused = false;
    }
    return next.get() < targets.size();
  }

  /** Whether the listing closed this source (a real one deletes its page's scratch file then). */
  boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public MapTarget next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    walker = Thread.currentThread();
    return targets.get(next.getAndIncrement());
  }
}
