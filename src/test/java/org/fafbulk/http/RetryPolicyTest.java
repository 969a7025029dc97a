package org.fafbulk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");
  private static final RetryPolicy POLICY =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void parsesRetryAfterSeconds() {
    assertThat(RetryPolicy.parseRetryAfter("120", NOW)).hasValue(Duration.ofMinutes(2));
    assertThat(RetryPolicy.parseRetryAfter(" 3 ", NOW)).hasValue(Duration.ofSeconds(3));
    assertThat(RetryPolicy.parseRetryAfter("-5", NOW)).hasValue(Duration.ZERO);
  }

  @Test
  void parsesRetryAfterHttpDate() {
    assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", NOW))
        .hasValue(Duration.ofSeconds(30));
    assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW))
        .hasValue(Duration.ZERO);
  }

  @Test
  void ignoresMissingOrUnreadableRetryAfter() {
    assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter("  ", NOW)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "1, 50, 100",
    "2, 100, 200",
    "3, 200, 400",
    "4, 400, 800",
    "5, 500, 1000",
    "40, 500, 1000",
    "1000, 500, 1000"
  })
  void backoffDoublesWithEqualJitterWithinTheMaximum(int failedAttempts, long min, long max) {
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Duration delay = POLICY.delay(failedAttempts, Optional.empty());
      assertThat(delay).isBetween(Duration.ofMillis(min), Duration.ofMillis(max));
      seen.add(delay);
    }
    assertThat(seen).as("jitter spreads the delays").hasSizeGreaterThan(1);
  }

  @Test
  void honoursRetryAfterUpToMaxRetryAfter() {
    assertThat(POLICY.delay(1, Optional.of(Duration.ofSeconds(7))))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(POLICY.delay(1, Optional.of(Duration.ofHours(1)))).isEqualTo(POLICY.maxRetryAfter());
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void retriesTimeoutsRateLimitsAndServerErrors(int status) {
    assertThat(RetryPolicy.isRetryable(status)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400, 401, 403, 404, 410})
  void doesNotRetryClientErrors(int status) {
    assertThat(RetryPolicy.isRetryable(status)).isFalse();
  }

  @Test
  void rejectsNonsensicalPolicies() {
    assertThatThrownBy(() -> POLICY.withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    3, Duration.ofMillis(-1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sleepReportsAnInterruptAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThat(RetryPolicy.sleep(Duration.ofSeconds(5))).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      boolean wasInterrupted = Thread.interrupted();
      assertThat(wasInterrupted).isTrue();
    }
  }
}
