package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.fafbulk.testing.MutableClock;
import org.junit.jupiter.api.Test;

class StartPacerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T00:00:00Z"));
  private final StartPacer pacer = new StartPacer(clock, Duration.ofMillis(200));

  @Test
  void firstStartNeedsNoWait() {
    assertThat(pacer.untilNextStart()).isZero();
  }

  @Test
  void nextStartWaitsForTheDelayOnTheInjectedClock() {
    pacer.started();
    assertThat(pacer.untilNextStart()).isEqualTo(Duration.ofMillis(200));
    clock.advance(Duration.ofMillis(150));
    assertThat(pacer.untilNextStart()).isEqualTo(Duration.ofMillis(50));
    clock.advance(Duration.ofMillis(50));
    assertThat(pacer.untilNextStart()).isZero();
  }

  @Test
  void clockSetBackNeverWaitsLongerThanTheDelay() {
    pacer.started();
    clock.advance(Duration.ofHours(-1));
    assertThat(pacer.untilNextStart()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void noDelayNeverWaits() {
    StartPacer eager = new StartPacer(clock, Duration.ZERO);
    eager.started();
    assertThat(eager.untilNextStart()).isZero();
  }
}
