package org.fafbulk.state;

import java.time.Duration;
import java.time.Instant;

/**
 * When to write a state file again: at most once per interval, so that a run of 20,000 maps does
 * not rewrite a 20,000-entry file after every map.
 */
public final class FlushSchedule {
  private final Duration interval;
  private Instant last = Instant.MIN;

  public FlushSchedule(Duration interval) {
    this.interval = interval;
  }

  boolean due(Instant now) {
    return !now.isBefore(last.plus(interval));
  }

  void flushed(Instant now) {
    last = now;
  }
}
