package org.fafbulk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The retry loop on its own: scripted attempts and a recording sleeper, no server, no waiting. */
class RetryLoopTest {
  private static final RetryPolicy POLICY =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final RetryLoop loop =
      new RetryLoop(
          POLICY,
          delay -> {
            sleeps.add(delay);
            return true;
          });

  /** An attempt that fails with {@code failures} in turn, then answers "ok". */
  private RetryLoop.Attempt<String, RuntimeException> failing(IOException... failures) {
    return () -> {
      int n = attempts.getAndIncrement();
      if (n < failures.length) {
        throw failures[n];
      }
      return "ok";
    };
  }

  private static HttpStatusException status(int code) {
    return new HttpStatusException(code, "HTTP " + code, Optional.empty());
  }

  @Nested
  class Classification {
    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retriesRateLimitsTimeoutsAndServerErrors(int code) {
      assertThat(RetryLoop.TRANSIENT.classify(status(code)).retry()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 410})
    void doesNotRetryOtherStatuses(int code) {
      assertThat(RetryLoop.TRANSIENT.classify(status(code))).isEqualTo(RetryLoop.Verdict.FINAL);
    }

    @Test
    void retriesAnyOtherIoErrorWithBackoff() {
      assertThat(RetryLoop.TRANSIENT.classify(new SocketTimeoutException("read timed out")))
          .isEqualTo(RetryLoop.Verdict.BACK_OFF);
    }

    @Test
    void describesAStatusAsTheCallerWordedItAndAnIoErrorWithItsClass() {
      assertThat(RetryLoop.describe(status(503))).isEqualTo("HTTP 503");
      assertThat(RetryLoop.describe(new SocketTimeoutException("read timed out")))
          .isEqualTo("SocketTimeoutException: read timed out");
    }
  }

  @Nested
  class Retrying {
    @Test
    void aFirstSuccessIsReturnedWithoutWaiting() throws Exception {
      assertThat(loop.run(failing(), RetryLoop.TRANSIENT)).isEqualTo("ok");
      assertThat(attempts).hasValue(1);
      assertThat(sleeps).isEmpty();
    }

    @Test
    void ioErrorsAndServerErrorsAreRetriedWithGrowingBackoffUntilOneSucceeds() throws Exception {
      String result =
          loop.run(
              failing(new IOException("reset"), status(503), status(502)), RetryLoop.TRANSIENT);

      assertThat(result).isEqualTo("ok");
      assertThat(attempts).hasValue(4);
      assertThat(sleeps).hasSize(3);
      assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() throws Exception {
      HttpStatusException busy =
          new HttpStatusException(429, "HTTP 429", Optional.of(Duration.ofSeconds(7)));

      assertThat(loop.run(failing(busy), RetryLoop.TRANSIENT)).isEqualTo("ok");
      assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterBeyondThePolicysMaximumIsCapped() throws Exception {
      HttpStatusException busy =
          new HttpStatusException(429, "HTTP 429", Optional.of(Duration.ofHours(2)));

      loop.run(failing(busy), RetryLoop.TRANSIENT);

      assertThat(sleeps).containsExactly(POLICY.maxRetryAfter());
    }
  }

  @Nested
  class GivingUp {
    @Test
    void aFinalStatusIsThrownAsItIsAfterOneAttempt() {
      HttpStatusException notFound = status(404);

      HttpStatusException thrown =
          catchThrowableOfType(
              HttpStatusException.class, () -> loop.run(failing(notFound), RetryLoop.TRANSIENT));

      assertThat(thrown).isSameAs(notFound);
      assertThat(attempts).hasValue(1);
      assertThat(sleeps).isEmpty();
    }

    @Test
    void whatTheCallersClassifierCallsFinalIsNotRetried() {
      IOException malformed = new IOException("malformed");

      IOException thrown =
          catchThrowableOfType(
              IOException.class,
              () -> loop.run(failing(malformed), failure -> RetryLoop.Verdict.FINAL));

      assertThat(thrown).isSameAs(malformed);
      assertThat(attempts).hasValue(1);
    }

    @Test
    void retriesStopAtTheMaximumAndReportTheLastFailureAndTheAttempts() {
      IOException last = new IOException("reset 4");
      RetryLoop.GaveUp gaveUp =
          catchThrowableOfType(
              RetryLoop.GaveUp.class,
              () ->
                  loop.run(
                      failing(status(503), status(503), new IOException("reset 3"), last),
                      RetryLoop.TRANSIENT));

      assertThat(gaveUp.attempts()).isEqualTo(POLICY.maxAttempts());
      assertThat(gaveUp.last()).isSameAs(last);
      assertThat(gaveUp).hasMessage("IOException: reset 4");
      assertThat(attempts).hasValue(POLICY.maxAttempts());
      assertThat(sleeps).hasSize(POLICY.maxAttempts() - 1);
    }

    @Test
    void theCallersOwnFailurePassesThroughWithoutARetry() {
      class Refused extends Exception {
        private static final long serialVersionUID = 1L;
      }
      Refused refused = new Refused();

      Refused thrown =
          catchThrowableOfType(
              Refused.class,
              () ->
                  loop.run(
                      () -> {
                        attempts.incrementAndGet();
                        throw refused;
                      },
                      RetryLoop.TRANSIENT));

      assertThat(thrown).isSameAs(refused);
      assertThat(attempts).hasValue(1);
    }

    @Test
    void anInterruptedWaitEndsTheLoopAndKeepsTheFlag() {
      RetryLoop realSleeps = new RetryLoop(POLICY);
      Thread.currentThread().interrupt();
      try {
        RetryLoop.GaveUp gaveUp =
            catchThrowableOfType(
                RetryLoop.GaveUp.class,
                () -> realSleeps.run(failing(status(503), status(503)), RetryLoop.TRANSIENT));

        assertThat(gaveUp.attempts()).isEqualTo(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(attempts).hasValue(1);
      } finally {
        Thread.interrupted();
      }
    }

    @Test
    void aSleeperThatReportsAnInterruptEndsTheLoop() {
      RetryLoop stopped = new RetryLoop(POLICY, delay -> false);

      RetryLoop.GaveUp gaveUp =
          catchThrowableOfType(
              RetryLoop.GaveUp.class,
              () -> stopped.run(failing(new IOException("reset")), RetryLoop.TRANSIENT));

      assertThat(gaveUp.attempts()).isEqualTo(1);
      assertThat(attempts).hasValue(1);
    }
  }
}
