package org.fafbulk.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.fafbulk.Errors;

/**
 * Runs one HTTP exchange again while it fails in a way worth retrying, waiting between attempts as
 * a {@link RetryPolicy} says; the API client and the archive fetcher share it.
 */
public final class RetryLoop {
  /** One try at the exchange: its I/O failures go to the classifier, all else to the caller. */
  @FunctionalInterface
  public interface Attempt<T, E extends Exception> {
    T run() throws E, IOException;
  }

  /** Decides whether a failed attempt is worth another. */
  @FunctionalInterface
  public interface Classifier {
    Verdict classify(IOException failure);
  }

  /** Whether to try again, and how long the server asked us to wait first, if it said. */
  public record Verdict(boolean retry, Optional<Duration> retryAfter) {
    public static final Verdict FINAL = new Verdict(false, Optional.empty());
    public static final Verdict BACK_OFF = new Verdict(true, Optional.empty());
  }

  /**
   * What is worth retrying: any I/O error (a reset, a timeout, a short body) and the statuses
   * {@link RetryPolicy#isRetryable} names, after their Retry-After; other statuses are final.
   */
  public static final Classifier TRANSIENT =
      failure -> {
        if (failure instanceof HttpStatusException status) {
          return status.retryable() ? new Verdict(true, status.retryAfter()) : Verdict.FINAL;
        }
        return Verdict.BACK_OFF;
      };

  /** Waits between attempts; false when interrupted, with the interrupt flag restored. */
  @FunctionalInterface
  interface Sleeper {
    boolean sleep(Duration delay);
  }

  /**
   * The last failure of an exchange worth retrying, once its attempts ran out or a wait was cut.
   */
  public static final class GaveUp extends Exception {
    private static final long serialVersionUID = 1L;
    private final int attempts;

    GaveUp(IOException last, int attempts) {
      super(describe(last), last);
      this.attempts = attempts;
    }

    /** How many attempts were made, the failed last one included. */
    public int attempts() {
      return attempts;
    }

    public IOException last() {
      return (IOException) getCause();
    }
  }

  private final RetryPolicy policy;
  private final Sleeper sleeper;

  public RetryLoop(RetryPolicy policy) {
    this(policy, RetryPolicy::sleep);
  }

  RetryLoop(RetryPolicy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /**
   * The result of the first attempt that succeeds. An I/O failure the classifier calls final is
   * thrown as it is; one worth retrying becomes {@link GaveUp} once the policy's attempts are spent
   * or the thread is interrupted while waiting (the flag stays set).
   */
  public <T, E extends Exception> T run(Attempt<T, E> attempt, Classifier classifier)
      throws E, IOException, GaveUp {
    for (int attempts = 1; ; attempts++) {
      IOException failure;
      try {
        return attempt.run();
      } catch (IOException e) {
        failure = e;
      }
      Verdict verdict = classifier.classify(failure);
      if (!verdict.retry()) {
        throw failure;
      }
      if (attempts >= policy.maxAttempts()
          || !sleeper.sleep(policy.delay(attempts, verdict.retryAfter()))) {
        throw new GaveUp(failure, attempts);
      }
    }
  }

  /** A failure in one line: a status as the caller worded it, an I/O error with its class. */
  public static String describe(IOException failure) {
    return failure instanceof HttpStatusException ? failure.getMessage() : Errors.describe(failure);
  }
}
