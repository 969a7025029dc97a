package org.fafbulk.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Spaces the starts of downloads by a delay, to be polite to the content server. */
final class StartPacer {
  private final Clock clock;
  private final Duration delay;
  private Instant next;

  StartPacer(Clock clock, Duration delay) {
    this.clock = clock;
    this.delay = delay;
    this.next = clock.instant();
  }

  /**
   * How long until the next download may start; never more than the delay itself, so that a clock
   * set back cannot hold a run up.
   */
  Duration untilNextStart() {
    Duration wait = Duration.between(clock.instant(), next);
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(delay) > 0 ? delay : wait;
  }

  /** Records a start now. */
  void started() {
    next = clock.instant().plus(delay);
  }
}
