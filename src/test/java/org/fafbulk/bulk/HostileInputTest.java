package org.fafbulk.bulk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.fafbulk.cli.Main;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.MapPages;
import org.fafbulk.testing.VaultMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hostile catalogues and archives, an unreachable API, and secrets that must not leak. */
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "s3cr3t-token-value";

  @RegisterExtension static WireMockExtension server = LocalHttp.wireMock();

  @TempDir Path work;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), args);
  }

  @Test
  void hostileFolderNamesFromTheApiAreRefusedAndNothingEscapes() throws Exception {
    Map<String, String> folders = new LinkedHashMap<>();
    folders.put("1", "../escaped");
    folders.put("2", "a/b");
    folders.put("3", "a\\b");
    folders.put("4", "bad\u0001name");
    folders.put("5", "good.v0001");
    folders.put("6", "good.v0001");
    folders.put("7", "..");
    serveCatalogue(folders);
    Path outputDir = work.resolve("maps");

    int exit = bulkDownload(outputDir);

    assertThat(exit).as(err.toString()).isEqualTo(1);
    assertThat(outputDir.resolve("good.v0001/good.scmap")).exists();
    try (Stream<Path> siblings = Files.list(work)) {
      assertThat(siblings).containsExactly(outputDir);
    }
    JsonNode failures = JSON.readTree(outputDir.resolve("failures.json").toFile());
    Map<String, String> errors = new LinkedHashMap<>();
    failures.forEach(f -> errors.put(f.get("map_id").asText(), f.get("error").asText()));
    assertThat(errors.keySet()).containsExactly("1", "2", "3", "4", "6", "7");
    assertThat(errors.get("1")).contains("refused folder name");
    assertThat(errors.get("4")).contains("\\u0001");
    assertThat(errors.get("6")).contains("already claimed by map 5");
  }

  @Test
  void stateFileDeviceAndBidiNamesAreRefusedAndTheDirectoryStaysUsable() throws Exception {
    Map<String, String> folders = new LinkedHashMap<>();
    folders.put("1", "maps.json");
    folders.put("2", "Checkpoint.JSON");
    folders.put("3", "failures.json");
    folders.put("4", "nul.txt");
    folders.put("5", "evil\u202etxt.exe");
    folders.put("6", "csi\u009bname");
    folders.put("7", "good.v0001");
    serveCatalogue(folders);
    Path outputDir = work.resolve("maps");

    int first = bulkDownload(outputDir);
    int second = bulkDownload(outputDir);
    int repair = run("verify", "--repair", "--output-dir", outputDir.toString());

    assertThat(first).as(err.toString()).isEqualTo(1);
    assertThat(second).as(err.toString()).isEqualTo(1);
    assertThat(repair).as(err.toString()).isZero();
    try (Stream<Path> entries = Files.list(outputDir)) {
      assertThat(entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
          .containsExactly("good.v0001");
    }
    JsonNode failures = JSON.readTree(outputDir.resolve("failures.json").toFile());
    assertThat(failures).hasSize(6);
    failures.forEach(f -> assertThat(f.get("error").asText()).contains("refused folder name"));
  }

  @Test
  void tokensNeverReachTheOutputOrTheStateFiles() throws Exception {
    Map<String, String> folders = new LinkedHashMap<>();
    folders.put("1", "good.v0001");
    folders.put("2", "missing.v0001");
    serveCatalogue(folders);
    Path outputDir = work.resolve("maps");

    int exit = bulkDownload(outputDir);

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString() + err.toString()).doesNotContain(SECRET);
    for (String file : new String[] {"checkpoint.json", "failures.json"}) {
      assertThat(Files.readString(outputDir.resolve(file))).doesNotContain(SECRET);
    }
  }

  @Test
  void unreachableApiExits3AndLeavesTheCheckpointIntact() throws Exception {
    Path outputDir = Files.createDirectories(work.resolve("maps"));
    Path checkpoint = outputDir.resolve("checkpoint.json");
    String before =
        "{\"completed\":[\"1\"],\"in_progress\":[],\"timestamp\":\"2025-01-22T10:30:00Z\","
            + "\"filters\":{},\"limit\":5}";
    Files.writeString(checkpoint, before);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    int exit =
        run(
            "bulk-download",
            "--resume",
            "--output-dir",
            outputDir.toString(),
            "--api-url",
            "http://127.0.0.1:" + closedPort,
            "--token",
            SECRET,
            "--retries",
            "1");

    assertThat(exit).isEqualTo(3);
    assertThat(err.toString()).contains("cannot reach the FAF API").doesNotContain(SECRET);
    assertThat(err.toString().lines().count()).isEqualTo(1);
    assertThat(Files.readString(checkpoint)).isEqualTo(before);
  }

  private int bulkDownload(Path outputDir) {
    return run(
        "bulk-download",
        "--output-dir",
        outputDir.toString(),
        "--api-url",
        server.baseUrl(),
        "--token",
        SECRET,
        "--delay-ms",
        "0",
        "--retries",
        "0");
  }

  /** Lists a map per id with the folder name given; its archive is at {@code /maps/<id>.zip}. */
  private void serveCatalogue(Map<String, String> folders) {
    MapPages page = MapPages.page().totalRecords(folders.size());
    for (Map.Entry<String, String> map : folders.entrySet()) {
      String archive = server.baseUrl() + "/maps/" + map.getKey() + ".zip";
      page.map(new VaultMap(map.getKey(), map.getValue(), "Map " + map.getKey(), archive));
    }
    server.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/vnd.api+json")
                    .withBody(page.json())));
    for (Map.Entry<String, String> map : folders.entrySet()) {
      if (!map.getValue().startsWith("missing")) {
        server.stubFor(
            get(urlPathEqualTo("/maps/" + map.getKey() + ".zip"))
                .willReturn(aResponse().withBody(MapArchives.valid("good.v0001"))));
      }
    }
  }
}
