package org.fafbulk.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FlushScheduleTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void firstWriteIsDueAtOnce() {
    assertThat(new FlushSchedule(Duration.ofSeconds(1)).due(T0)).isTrue();
  }

  @Test
  void aQuickWriteWaitsOneInterval() {
    FlushSchedule schedule = new FlushSchedule(Duration.ofSeconds(1));
    schedule.flushed(T0, Duration.ofMillis(5));

    assertThat(schedule.due(T0.plusMillis(999))).isFalse();
    assertThat(schedule.due(T0.plusSeconds(1))).isTrue();
  }

  @Test
  void aSlowWriteWaitsLongerSoThatWritingStaysASmallShareOfTheRun() {
    FlushSchedule schedule = new FlushSchedule(Duration.ofSeconds(1));
    Duration took = Duration.ofMillis(200);
    schedule.flushed(T0, took);

    Duration wait = took.multipliedBy(FlushSchedule.COST_FACTOR);
    assertThat(wait).isGreaterThan(Duration.ofSeconds(1));
    assertThat(schedule.due(T0.plus(wait).minusMillis(1))).isFalse();
    assertThat(schedule.due(T0.plus(wait))).isTrue();
  }

  @Test
  void zeroIntervalWritesAfterEveryChangeHoweverLongAWriteTakes() {
    FlushSchedule schedule = new FlushSchedule(Duration.ZERO);
    schedule.flushed(T0, Duration.ofSeconds(5));

    assertThat(schedule.due(T0)).isTrue();
  }
}
