package org.fafbulk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import org.fafbulk.FafException;
import org.fafbulk.api.FafApiClient;
import org.fafbulk.api.MapFilter;
import org.fafbulk.api.TokenProvider;
import org.fafbulk.download.ArchiveFetcher;
import org.fafbulk.download.DownloadedArchive;
import org.fafbulk.download.DownloadedBytes;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.RawHttpServer;
import org.fafbulk.testing.RunOutput;
import org.fafbulk.testing.UrlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that drips its body: the transfer fails (retryable) once a window of {@code --timeout}
 * brings too few bytes, while an honest slow server still completes.
 */
class SlowServerTest {
  @TempDir Path work;

  /**
   * One byte every 2 s with {@code --timeout 3}: each read beats the read timeout, so before the
   * throughput rule this 100 KB body would have taken 55 hours. The limit is a guard against
   * hanging the build, ten times what the rule needs (two 3 s windows).
   */
  @Test
  @Timeout(120)
  void aDripFedArchiveFailsAsRetryable() throws Exception {
    try (RawHttpServer server =
        new RawHttpServer(
            out -> {
              out.write(head(100_000));
              for (int i = 0; i < 100_000; i++) {
                out.write('P');
                out.flush();
                Thread.sleep(2000);
              }
            })) {
      Path urls = UrlFile.write(work, server.url("/maps/drip.v0001.zip"));
      Path out = work.resolve("maps");

      CliRun run = CliRun.bulkDownload(urls, out, "--timeout", "3", "--retries", "0");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(RunOutput.failures(out).get(0).get("error").asText())
          .contains("fewer than 8192 per --timeout");
    }
  }

  /** The same rule holds for API pages: a dripped page fails instead of holding the listing. */
  @Test
  @Timeout(120)
  void aDripFedApiPageFails() throws Exception {
    try (RawHttpServer server =
        new RawHttpServer(
            out -> {
              out.write(head(100_000)); // the content type does not matter to the client
              out.write("{\"data\":[".getBytes(StandardCharsets.US_ASCII));
              for (int i = 0; i < 100_000; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(600);
              }
            })) {
      FafApiClient api =
          new FafApiClient(
              HttpClients.create(1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
              new ObjectMapper(),
              HttpUrl.get(server.url("")),
              TokenProvider.none(),
              RetryPolicy.DEFAULT.withMaxAttempts(1));

      FafException e =
          catchThrowableOfType(
              FafException.class, () -> api.listMaps(MapFilter.ALL, OptionalLong.of(1)));

      assertThat(e).hasMessageContaining("per --timeout");
    }
  }

  /**
   * An honest 100 KB/s server completes. The rule needs 8 KiB per window of the read timeout, so a
   * steady rate passes it with the least margin at the shortest timeout: 1 s here (100 KB per
   * window, 12 times the minimum) is the strict case of the default 30 s (3 MB per window), and a
   * 600 KB archive at that rate keeps the test to six seconds instead of a 50 MB map's eight
   * minutes.
   */
  @ParameterizedTest(name = "held in memory up to {0} bytes")
  @ValueSource(ints = {0, 1 << 20})
  void anHonestSlowServerStillCompletes(int maxInMemory) throws Exception {
    byte[] zip = MapArchives.valid("slow.v0001", 600_000, 1);
    try (RawHttpServer server =
        new RawHttpServer(
            out -> {
              out.write(head(zip.length));
              paced(out, zip, 10_000, 100);
            })) {
      ArchiveFetcher fetcher =
          new ArchiveFetcher(
              HttpClients.create(1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
              RetryPolicy.DEFAULT.withMaxAttempts(1),
              1 << 30,
              maxInMemory);

      DownloadedArchive fetched =
          fetcher.fetch(ArchiveFetcher.parseUrl(server.url("/maps/slow.zip")), work, n -> {});

      assertThat(DownloadedBytes.of(fetched)).isEqualTo(zip);
    }
  }

  private static byte[] head(long length) {
    return ("HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: "
            + length
            + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** {@code chunk} bytes every {@code millis} ms: 100 KB/s for 10,000 and 100. */
  private static void paced(OutputStream out, byte[] body, int chunk, long millis)
      throws java.io.IOException, InterruptedException {
    for (int from = 0; from < body.length; from += chunk) {
      out.write(body, from, Math.min(chunk, body.length - from));
      out.flush();
      Thread.sleep(millis);
    }
  }
}
