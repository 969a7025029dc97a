package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.GzipBombPage;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.RawHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small gzip API page that inflates to 600 MB (120 descriptions of 5 MB): the client stops
 * reading at the cap with one error, exit 3, instead of running out of memory.
 */
class OversizedResponseTest {
  @TempDir Path work;

  @Test
  void aGzipBombPageEndsTheRunWithOneLineAndExit3() throws Exception {
    byte[] bomb = GzipBombPage.gzip(120, 5 * 1024 * 1024);
    assertThat(bomb.length).isLessThan(1024 * 1024);
    try (RawHttpServer server = new RawHttpServer(GzipBombPage.response(bomb))) {
      CliRun run =
          CliRun.of(
              "bulk-download",
              "--output-dir",
              work.resolve("maps").toString(),
              "--api-url",
              server.url(""),
              "--limit",
              "5");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FATAL);
      assertThat(run.err())
          .contains("larger than " + ApiHttp.MAX_RESPONSE_BYTES + " bytes once decompressed");
      assertThat(run.err().lines()).hasSize(1);
      assertThat(server.requests()).isEqualTo(1); // not retried: it would come back as large
    }
  }

  @Test
  void aPlainResponseLargerThanTheCapIsRefusedByItsContentLength() throws Exception {
    long huge = ApiHttp.MAX_RESPONSE_BYTES + 1;
    try (RawHttpServer server =
        new RawHttpServer(
            RawHttpServer.fixed(
                "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.api+json\r\nContent-Length: "
                    + huge
                    + "\r\n\r\n",
                "{\"data\":[".getBytes(StandardCharsets.UTF_8)))) {
      FafApiClient client =
          new FafApiClient(
              LocalHttp.client(),
              new ObjectMapper(),
              HttpUrl.get(server.url("")),
              TokenProvider.none(),
              LocalHttp.FAST_RETRY);

      FafException e =
          catchThrowableOfType(
              FafException.class, () -> client.listMaps(MapFilter.ALL, OptionalLong.of(1)));

      assertThat(e).hasMessageContaining("larger than").hasMessageContaining("over the wire");
    }
  }
}
