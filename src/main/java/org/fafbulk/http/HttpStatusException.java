package org.fafbulk.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Response;

/**
 * A response whose status the caller cannot use, as an I/O failure that {@link RetryLoop} can
 * judge: worth retrying for 408, 429 and 5xx, after the server's {@code Retry-After} if it sent
 * one.
 */
public final class HttpStatusException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final long retryAfterMillis; // negative: the server did not say

  /** {@code message} says what went wrong, for people: "HTTP 503: Service Unavailable". */
  public HttpStatusException(int code, String message, Optional<Duration> retryAfter) {
    super(message);
    this.code = code;
    this.retryAfterMillis = retryAfter.map(Duration::toMillis).orElse(-1L);
  }

  /** The failure {@code response} stands for, with its Retry-After header read now. */
  public static HttpStatusException of(Response response, String message) {
    return new HttpStatusException(
        response.code(),
        message,
        RetryPolicy.parseRetryAfter(response.header("Retry-After"), Instant.now()));
  }

  public int code() {
    return code;
  }

  public boolean retryable() {
    return RetryPolicy.isRetryable(code);
  }

  public Optional<Duration> retryAfter() {
    return retryAfterMillis < 0
        ? Optional.empty()
        : Optional.of(Duration.ofMillis(retryAfterMillis));
  }
}
