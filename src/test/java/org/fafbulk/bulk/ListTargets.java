package org.fafbulk.bulk;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * A selection from a list; with {@code pauseAfter}, it stops after that many maps, as a listing
 * does while it waits out a 429, until {@link #resume()}.
 */
class ListTargets implements TargetSource {
  private final List<MapTarget> targets;
  private final int pauseAfter;
  private final CountDownLatch resumed = new CountDownLatch(1);
  private volatile boolean paused;
  private int next;

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

  @Override
  public OptionalLong expected() {
    return OptionalLong.of(targets.size());
  }

  @Override
  public boolean hasNext() {
    if (next == pauseAfter) {
      paused = true;
      try {
        resumed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("listing interrupted", e);
      }
      paused = false;
    }
    return next < targets.size();
  }

  @Override
  public MapTarget next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return targets.get(next++);
  }
}
