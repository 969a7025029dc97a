package org.fafbulk.cli;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.fafbulk.FafException;
import org.fafbulk.http.HttpClients;
import org.fafbulk.http.RetryPolicy;
import picocli.CommandLine.Option;

/** Timeouts and retries for every HTTP request. */
final class NetworkOptions {
  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Give up on a connection that sends nothing for this long, or less than 8 KiB in any"
              + " such period (retried; default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = "3",
      description = "Retries of a failed request, with backoff (default: ${DEFAULT-VALUE}).")
  int retries;

  RetryPolicy retryPolicy() {
    if (retries < 0 || retries > 20) {
      throw FafException.usage("--retries must be between 0 and 20, not " + retries);
    }
    return RetryPolicy.DEFAULT.withMaxAttempts(retries + 1);
  }

  OkHttpClient http(int concurrency) {
    if (timeoutSeconds < 1) {
      throw FafException.usage("--timeout must be at least 1 second, not " + timeoutSeconds);
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    return HttpClients.create(
        concurrency, Duration.ofSeconds(Math.min(15, timeoutSeconds)), timeout);
  }
}
