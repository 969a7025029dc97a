package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;
import okhttp3.HttpUrl;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.testing.CliRun;
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
    byte[] bomb = gzipBombPage(120, 5 * 1024 * 1024);
    assertThat(bomb.length).isLessThan(1024 * 1024);
    try (RawHttpServer server = new RawHttpServer(gzipResponse(bomb))) {
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
          .contains(
              "larger than " + HttpClients.MAX_API_RESPONSE_BYTES + " bytes once decompressed");
      assertThat(run.err().lines()).hasSize(1);
      assertThat(server.requests()).isEqualTo(1); // not retried: it would come back as large
    }
  }

  @Test
  void aPlainResponseLargerThanTheCapIsRefusedByItsContentLength() throws Exception {
    long huge = HttpClients.MAX_API_RESPONSE_BYTES + 1;
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

  /** A JSON:API page whose versions each carry a description of {@code bytes} spaces. */
  private static byte[] gzipBombPage(int versions, int bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(
          "{\"meta\":{\"page\":{\"totalRecords\":1}},\"data\":[],\"included\":["
              .getBytes(StandardCharsets.US_ASCII));
      for (int v = 1; v <= versions; v++) {
        gzip.write(
            ("{\"type\":\"mapVersion\",\"id\":\"v" + v + "\",\"attributes\":{\"description\":\"")
                .getBytes(StandardCharsets.US_ASCII));
        for (int written = 0; written < bytes; written += chunk.length) {
          gzip.write(chunk);
        }
        gzip.write((v == versions ? "\"}}" : "\"}},").getBytes(StandardCharsets.US_ASCII));
      }
      gzip.write("]}".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  private static RawHttpServer.Script gzipResponse(byte[] gzip) {
    return RawHttpServer.fixed(
        "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.api+json\r\nContent-Encoding: gzip\r\n"
            + "Content-Length: "
            + gzip.length
            + "\r\nConnection: close\r\n\r\n",
        gzip);
  }
}
