package org.fafbulk.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently to retry what is worth retrying (I/O errors, 408, 429, 5xx):
 * exponential backoff with jitter, or the server's {@code Retry-After}, within bounds.
 *
 * @param maxAttempts attempts in all, the first one included
 * @param baseDelay delay after the first failure, doubled after each further one
 * @param maxDelay the most one backoff may wait
 * @param maxRetryAfter the most a server's Retry-After may make us wait
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(120));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, baseDelay, maxDelay, maxRetryAfter);
  }

  /** Whether an HTTP status is worth another try. */
  public static boolean isRetryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** The wait before attempt {@code failedAttempts + 1}, honouring a Retry-After when given. */
  public Duration delay(int failedAttempts, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      Duration wanted = retryAfter.get();
      return wanted.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wanted;
    }
    long base = baseDelay.toMillis();
    long exponential = base << Math.min(20, Math.max(0, failedAttempts - 1));
    long capped = Math.min(exponential, maxDelay.toMillis());
    // "Equal jitter": half fixed, half random, so retries of many workers spread out.
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
  }

  /** Parses a Retry-After header: delta-seconds or an HTTP date. */
  public static Optional<Duration> parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /** Sleeps for {@code delay}; false when interrupted (the flag is restored). */
  public static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
