package org.fafbulk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fafbulk.Printable;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.MapPages;
import org.fafbulk.testing.RawHttpServer;
import org.fafbulk.testing.UrlFile;
import org.fafbulk.testing.VaultMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that sends terminal escapes (set the window title, clear the screen) in whatever text
 * reaches a message: none of it reaches stdout, stderr or failures.json raw.
 */
class TerminalEscapesTest {
  private static final String ATTACK = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil";

  @RegisterExtension static WireMockExtension server = LocalHttp.wireMock();

  @TempDir Path work;

  @Test
  void printableEscapesControlsC1AndBidiMarksAndLeavesOrdinaryTextAlone() {
    assertThat(Printable.of(ATTACK))
        .isEqualTo("\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202eevil");
    assertThat(Printable.of("a\u200e\u200f\u061c\u2066\u2069\u202a\tb\u007f"))
        .isEqualTo("a\\u200e\\u200f\\u061c\\u2066\\u2069\\u202a\\u0009b\\u007f");
    assertThat(Printable.of("Setons Clutch – «Ωμέγα» 日本 مرحبا"))
        .isEqualTo("Setons Clutch – «Ωμέγα» 日本 مرحبا");
  }

  @Test
  void aRefusedFolderNameFromTheApiIsPrintedEscaped() throws Exception {
    String archive = server.baseUrl() + "/maps/1.zip";
    server.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/vnd.api+json")
                    .withBody(
                        MapPages.page()
                            .totalRecords(2)
                            .map(new VaultMap("1" + ATTACK, "x" + ATTACK, "Map " + ATTACK, archive))
                            .map(
                                new VaultMap(
                                    "2", "good.v0001", "Good", server.baseUrl() + "/maps/2.zip"))
                            .json())));
    server.stubFor(
        get(urlPathEqualTo("/maps/2.zip"))
            .willReturn(aResponse().withBody(MapArchives.valid("good.v0001"))));
    Path out = work.resolve("maps");

    CliRun run =
        CliRun.of(
            "bulk-download",
            "--output-dir",
            out.toString(),
            "--api-url",
            server.baseUrl(),
            "--token",
            "t",
            "--delay-ms",
            "0",
            "--retries",
            "0");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(out.resolve("good.v0001")).isDirectory();
    assertNoRawEscapes(run, out);
    assertThat(run.out()).contains("\\u001b]0;pwned");
  }

  @Test
  void aReasonPhraseWithEscapesIsEscapedOnScreenAndInFailuresJson() throws Exception {
    try (RawHttpServer raw =
        new RawHttpServer(
            RawHttpServer.fixed(
                "HTTP/1.1 404 " + ATTACK + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                new byte[0]))) {
      Path out = work.resolve("maps");
      Path urls = UrlFile.write(work, raw.url("/maps/m.v0001.zip"));

      CliRun run = CliRun.bulkDownload(urls, out, "--retries", "0");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertNoRawEscapes(run, out);
      assertThat(Files.readString(out.resolve("failures.json"))).contains("HTTP 404", "pwned");
    }
  }

  @Test
  void anApiErrorDetailWithEscapesIsEscapedOnStderr() throws Exception {
    server.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/vnd.api+json")
                    .withBody(
                        "{\"errors\":[{\"detail\":\""
                            + "bad \\u001b]0;pwned\\u0007\\u001b[2J filter\"}]}")));
    Path out = work.resolve("maps");

    CliRun run =
        CliRun.of(
            "bulk-download",
            "--output-dir",
            out.toString(),
            "--api-url",
            server.baseUrl(),
            "--token",
            "t",
            "--retries",
            "0");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("bad \\u001b]0;pwned\\u0007\\u001b[2J filter");
    assertNoRawEscapes(run, out);
  }

  private static void assertNoRawEscapes(CliRun run, Path out) throws Exception {
    for (String text : new String[] {run.out(), run.err(), stateStrings(out)}) {
      assertThat(text).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e");
    }
  }

  /**
   * Every string in the state files, as {@code jq -r} would print it; empty when there are none.
   */
  private static String stateStrings(Path out) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String name : new String[] {"failures.json", "checkpoint.json", "maps.json"}) {
      Path file = out.resolve(name);
      if (Files.exists(file)) {
        strings(new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()), text);
      }
    }
    return text.toString();
  }

  private static void strings(com.fasterxml.jackson.databind.JsonNode node, StringBuilder text) {
    if (node.isTextual()) {
      text.append(node.asText()).append('\n');
    }
    node.forEach(child -> strings(child, text));
  }
}
