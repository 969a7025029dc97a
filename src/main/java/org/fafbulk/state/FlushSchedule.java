package org.fafbulk.state;

import java.time.Duration;
import java.time.Instant;

/**
 * When to write a state file again: at most once per interval, and never so often that writing it
 * takes more than about 1/{@value #COST_FACTOR} of the time, so that the three state files together
 * stay well under 5% of a run (3% at most between the load and the final write; at 1/60 a
 * 20,000-map run's bookkeeping came to 4-5%). Changes waiting for the next write cost no memory:
 * maps.json's wait in a scratch file. A file that grows with the run (20,000 map records are 8 MB)
 * is then written less often as it grows, so its cost per map stays constant instead of growing
 * with the file. Crash safety does not depend on the interval: a map folder under its final name
 * counts as completed even when no state file lists it yet.
 */
public final class FlushSchedule {
  /** The wait after a write is at least this many times as long as the write took. */
  static final int COST_FACTOR = 100;

  private final Duration interval;
  private Instant next = Instant.MIN;

  /** {@code interval} zero writes after every change (tests use it to see every state). */
  public FlushSchedule(Duration interval) {
    this.interval = interval;
  }

  boolean due(Instant now) {
    return !now.isBefore(next);
  }

  void flushed(Instant now, Duration took) {
    if (interval.isZero()) {
      next = now;
      return;
    }
    Duration costBound = took.multipliedBy(COST_FACTOR);
    next = now.plus(costBound.compareTo(interval) > 0 ? costBound : interval);
  }
}
