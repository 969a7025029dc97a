package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fafbulk.testing.FafProcess;
import org.fafbulk.testing.FakeFafApi;
import org.fafbulk.testing.Fixtures;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.RunOutput;
import org.fafbulk.testing.VaultMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as users run it, in a child process, against a FAF-like API on 127.0.0.1 that
 * serves the seven real vault archives the repository carries ({@code fixtures/maps/real}).
 */
@Tag("integration")
class BulkDownloadIT {
  private static final Path REAL_MAPS = Fixtures.maps("real");

  /** A real archive and what its own {@code _scenario.lua} says. */
  private record RealMap(String archive, String scenarioName, int size, int armies) {
    String folder() {
      return archive.replaceFirst("\\.zip$", "");
    }
  }

  private static final List<RealMap> REAL =
      List.of(
          new RealMap("command_conquer_rush.v0007.zip", "Command Conquer Rush", 256, 8),
          new RealMap("scmp 037.zip", "Sludge_Test", 256, 3),
          new RealMap("scmp_037.zip", "Sludge_Test &!$.#+/.", 256, 3),
          new RealMap("scmp_037_no_ascii.zip", "No_Ascii%\\u0009", 256, 3),
          new RealMap("sludge_test.v0001.zip", "Sludge_Test", 256, 3),
          new RealMap("sludge_test____.___..v0001.zip", "Sludge_Test &!$.#+/.", 256, 3),
          new RealMap("theta_passage_5.v0001.zip", "Theta Passage 5", 256, 4));

  private static final int MAPS = REAL.size();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeFafApi api = new FakeFafApi();
  private WireMockServer server;

  @TempDir Path work;

  @BeforeEach
  void startServer() {
    server = new WireMockServer(LocalHttp.wireMockOptions().extensions(api));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  @Test
  void bulkDownloadInstallsEveryRealVaultArchive() throws Exception {
    List<VaultMap> maps = publishCatalogue();
    Path out = work.resolve("maps");

    Child child = runJar(out);

    assertThat(child.exitCode()).as(child.output()).isZero();
    assertThat(RunOutput.mapFolders(out)).as(child.output()).hasSize(MAPS);
    for (VaultMap map : maps) {
      assertPlayableMap(out.resolve(map.folder()), child);
    }
    // The API's map ids are 1..7 in the catalogue's order.
    assertRealMapsRecorded(out, i -> Integer.toString(i + 1), child);
    JsonNode checkpoint = RunOutput.checkpoint(out);
    assertThat(checkpoint.get("in_progress")).isEmpty();
    assertThat(checkpoint.get("limit").asInt()).isEqualTo(MAPS);
    JsonNode failures = RunOutput.failures(out);
    assertThat(failures.isArray()).isTrue();
    assertThat(failures).as(child.output()).isEmpty();
  }

  @Test
  void bulkDownloadLogsOneBrokenArchiveAndInstallsTheRest() throws Exception {
    List<VaultMap> maps = publishCatalogue();
    VaultMap broken = maps.get(MAPS - 1);
    FakeFafApi.serveArchive(server, broken.archivePath(), MapArchives.corrupt());
    Path out = work.resolve("maps");

    Child child = runJar(out);

    assertThat(child.exitCode()).as(child.output()).isEqualTo(1);
    assertThat(RunOutput.mapFolders(out))
        .as(child.output())
        .hasSize(MAPS - 1)
        .doesNotContain(broken.folder());
    JsonNode failures = RunOutput.failures(out);
    assertThat(failures).as(child.output()).hasSize(1);
    assertThat(failures.get(0).get("map_id").asText()).isEqualTo(broken.id());
    assertThat(failures.get(0).get("url").asText()).isEqualTo(broken.downloadUrl());
    assertThat(failures.get(0).get("error").asText()).isNotBlank();
  }

  @Test
  void urlFileInstallsEveryRealArchiveIncludingOneWithASpaceInItsName() throws Exception {
    List<VaultMap> maps = publishCatalogue();
    Path urls = work.resolve("urls.txt");
    Files.write(urls, maps.stream().map(VaultMap::downloadUrl).toList());
    Path out = work.resolve("maps");

    Child child = run("bulk-download", "--url-file", urls.toString(), "-o", out.toString());

    assertThat(child.exitCode()).as(child.output()).isZero();
    assertRealMapsRecorded(out, i -> REAL.get(i).folder(), child);
    assertThat(RunOutput.failures(out)).as(child.output()).isEmpty();
  }

  /**
   * Each real archive installed under its folder, completed in the checkpoint (under the key that
   * {@code checkpointKey} gives for its index), and recorded in maps.json with the size from its
   * scmap and the name, size and armies its scenario file gives.
   */
  private static void assertRealMapsRecorded(
      Path out, Function<Integer, String> checkpointKey, Child child) throws IOException {
    assertThat(RunOutput.mapFolders(out))
        .as(child.output())
        .containsExactlyInAnyOrderElementsOf(REAL.stream().map(RealMap::folder).toList());
    JsonNode completed = RunOutput.checkpoint(out).get("completed");
    JsonNode records = JSON.readTree(out.resolve("maps.json").toFile());
    assertThat(records).as(child.output()).hasSize(MAPS);
    for (int i = 0; i < REAL.size(); i++) {
      RealMap map = REAL.get(i);
      String key = checkpointKey.apply(i);
      assertThat(completed).as(child.output()).anyMatch(c -> c.asText().equals(key));
      JsonNode record = null;
      for (JsonNode r : records) {
        if (r.get("folder").asText().equals(map.folder())) {
          record = r;
        }
      }
      assertThat(record).as("maps.json record of " + map.folder()).isNotNull();
      assertThat(record.get("width").asInt()).as(map.folder()).isEqualTo(map.size());
      assertThat(record.get("height").asInt()).as(map.folder()).isEqualTo(map.size());
      JsonNode scenario = record.get("scenario");
      assertThat(scenario.get("name").asText()).as(map.folder()).isEqualTo(map.scenarioName());
      assertThat(scenario.get("width").asInt()).as(map.folder()).isEqualTo(map.size());
      assertThat(scenario.get("height").asInt()).as(map.folder()).isEqualTo(map.size());
      assertThat(scenario.get("armies").asInt()).as(map.folder()).isEqualTo(map.armies());
      assertPlayableMap(out.resolve(map.folder()), child);
    }
  }

  /** The real archives, in the API under their file names; a space is sent as %20. */
  private List<VaultMap> publishCatalogue() throws IOException {
    String base = "http://127.0.0.1:" + server.port();
    List<VaultMap> maps = new ArrayList<>();
    for (RealMap real : REAL) {
      String folder = real.folder();
      String id = Integer.toString(maps.size() + 1);
      VaultMap map = new VaultMap(id, folder, folder, base + "/maps/" + folder + ".zip");
      byte[] zip = Files.readAllBytes(REAL_MAPS.resolve(real.archive()));
      FakeFafApi.serveArchive(server, map.archivePath().replace(" ", "%20"), zip);
      maps.add(map);
    }
    api.publish(server, maps);
    return maps;
  }

  private record Child(int exitCode, String output) {}

  private Child runJar(Path out) throws IOException, InterruptedException {
    return run(
        "bulk-download",
        "--limit",
        Integer.toString(MAPS),
        "--api-url",
        "http://127.0.0.1:" + server.port(),
        "--token",
        "t",
        "--output-dir",
        out.toString());
  }

  private Child run(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--delay-ms", "0"));
    FafProcess faf = FafProcess.start(work.resolve("faf.log"), all.toArray(String[]::new));
    int exitCode = faf.waitFor(120);
    if (exitCode == -1) {
      throw new AssertionError("faf did not finish in 120 s:\n" + faf.output());
    }
    return new Child(exitCode, "faf output:\n" + faf.output());
  }

  private static void assertPlayableMap(Path folder, Child child) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).as(child.output()).anyMatch(n -> n.endsWith(".scmap"));
      assertThat(names).as(child.output()).anyMatch(n -> n.endsWith("_scenario.lua"));
    }
  }
}
