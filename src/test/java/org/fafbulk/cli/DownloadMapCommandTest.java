package org.fafbulk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fafbulk.state.AtomicFiles;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.Fixtures;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.MapPages;
import org.fafbulk.testing.VaultMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code faf download-map} against a FAF-like server on 127.0.0.1 that may lie. */
class DownloadMapCommandTest {
  @RegisterExtension static final WireMockExtension server = LocalHttp.wireMock();

  @TempDir Path work;

  private String base() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private void serve(String path, byte[] zip) {
    server.stubFor(
        get(path)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/zip")
                    .withBody(zip)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc", "..", ".", "maps.json", "CHECKPOINT.JSON", ".faf.lock", "CON"})
  void checksTheApisFolderNameBeforeAnyUse(String folder) throws IOException {
    String url = base() + "/maps/x.zip";
    server.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(okJson(MapPages.page().map(new VaultMap("7", folder, "X", url)).json())));
    serve("/maps/x.zip", MapArchives.valid(folder.replace("/", "")));
    Path out = work.resolve("maps");

    CliRun run =
        CliRun.of("download-map", "7", "--api-url", base(), "--token", "t", "-o", out.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).as(run.toString()).contains("folder name", "nothing was installed");
    assertThat(run.out()).doesNotContain("already present");
    server.verify(0, getRequestedFor(urlPathMatching("/maps/.*")));
    assertThat(out.resolve("maps.json")).doesNotExist();
  }

  @Test
  void refusesAnArchiveUrlNamedLikeAStateFileAndKeepsTheDirectoryUsable() throws IOException {
    serve("/maps/checkpoint.json.zip", MapArchives.valid("checkpoint.json", "test_map"));
    Path out = work.resolve("maps");

    CliRun run =
        CliRun.of("download-map", base() + "/maps/checkpoint.json.zip", "-o", out.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("faf keeps for its own files");
    assertThat(out.resolve("checkpoint.json")).doesNotExist();
    CliRun verify = CliRun.of("verify", "-o", out.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"checkpoint.json", "failures.json", "maps.json", ".faf.lock"})
  void namesTheFolderToMoveAsideWhenAStateFileIsAFolder(String name) throws IOException {
    Path out = Files.createDirectories(work.resolve("maps"));
    Path folder = Files.createDirectory(out.resolve(name));
    Path urls = Files.writeString(work.resolve("urls.txt"), "");

    for (CliRun run :
        List.of(
            CliRun.bulkDownload(urls, out),
            CliRun.of("verify", "-o", out.toString()),
            CliRun.of("verify", "--repair", "-o", out.toString()),
            CliRun.of("download-map", base() + "/maps/a.zip", "-o", out.toString()))) {
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
      assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
      assertThat(run.err()).contains(folder.toString(), "move the folder").doesNotContain("Is a");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          command_conquer_rush.v0007.zip | command_conquer_rush.v0007 | scmap v53 \
          | Command Conquer Rush | 8
          scmp 037.zip | scmp 037 | scmap v60 | Sludge_Test | 3
          scmp_037.zip | scmp_037 | scmap v60 | Sludge_Test &!$.#+/. | 3
          scmp_037_no_ascii.zip | scmp_037_no_ascii | scmap v60 | No_Ascii%\\t | 3
          sludge_test.v0001.zip | sludge_test.v0001 | scmap v60 | Sludge_Test | 3
          sludge_test____.___..v0001.zip | sludge_test____.___..v0001 | scmap v60 \
          | Sludge_Test &!$.#+/. | 3
          theta_passage_5.v0001.zip | theta_passage_5.v0001 | scmap v56 | Theta Passage 5 | 4
          """)
  void installsEveryRealArchiveFromItsUrlAndRecordsIt(
      String archive, String folder, String header, String scenarioName, int armies)
      throws IOException {
    serve(
        "/maps/" + archive.replace(" ", "%20"), Files.readAllBytes(Fixtures.maps("real", archive)));
    Path out = work.resolve("maps");

    CliRun run = CliRun.of("download-map", base() + "/maps/" + archive, "-o", out.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("installed " + folder + " (5 km, " + header);
    try (Stream<Path> files = Files.list(out.resolve(folder))) {
      assertThat(files.map(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)))
          .anyMatch(n -> n.endsWith(".scmap"))
          .anyMatch(n -> n.endsWith("_scenario.lua"));
    }
    JsonNode records = new ObjectMapper().readTree(out.resolve("maps.json").toFile());
    assertThat(records).hasSize(1);
    JsonNode record = records.get(0);
    assertThat(record.get("folder").asText()).isEqualTo(folder);
    assertThat(record.get("width").asInt()).isEqualTo(256);
    assertThat(record.get("height").asInt()).isEqualTo(256);
    assertThat(record.get("archive_bytes").asLong())
        .isEqualTo(Files.size(Fixtures.maps("real", archive)));
    JsonNode scenario = record.get("scenario");
    // The tab in the map's own name is made printable before it reaches a state file.
    assertThat(scenario.get("name").asText()).isEqualTo(scenarioName.replace("\\t", "\\u0009"));
    assertThat(scenario.get("width").asInt()).isEqualTo(256);
    assertThat(scenario.get("armies").asInt()).isEqualTo(armies);
  }

  @Test
  void recordsAMapFromTheApiUnderItsIdWithTheApisMetadata() throws IOException {
    String url = base() + "/maps/test_map.v0001.zip";
    server.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(
                okJson(
                    MapPages.page()
                        .map(new VaultMap("42", "test_map.v0001", "Test Map", url))
                        .json())));
    serve("/maps/test_map.v0001.zip", MapArchives.valid("test_map.v0001"));
    Path out = work.resolve("maps");

    CliRun run =
        CliRun.of("download-map", "42", "--api-url", base(), "--token", "t", "-o", out.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode records = new ObjectMapper().readTree(out.resolve("maps.json").toFile());
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("map_id").asText()).isEqualTo("42");
    assertThat(records.get(0).get("folder").asText()).isEqualTo("test_map.v0001");
    assertThat(records.get(0).get("scenario").get("armies").asInt()).isEqualTo(2);
    try (Stream<Path> entries = Files.list(out)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .as("no scratch file is left (maps.json's pending records)")
          .noneMatch(name -> name.startsWith(AtomicFiles.TEMP_PREFIX));
    }
    CliRun verify = CliRun.of("verify", "-o", out.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
  }
}
