package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fafbulk.testing.FafProcess;
import org.fafbulk.testing.FakeFafApi;
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
 * serves the real vault archives in {@code ../shared/fixtures/maps/real} (when present) and
 * generated ones.
 */
@Tag("integration")
class BulkDownloadIT {
  private static final Path REAL_MAPS = Path.of("../shared/fixtures/maps/real");
  private static final int MAPS = 5;

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
  void bulkDownloadInstallsRealAndGeneratedMaps() throws Exception {
    List<VaultMap> maps = publishCatalogue();
    Path out = work.resolve("maps");

    Child child = runJar(out);

    assertThat(child.exitCode()).as(child.output()).isZero();
    assertThat(RunOutput.mapFolders(out)).as(child.output()).hasSize(MAPS);
    for (VaultMap map : maps) {
      assertPlayableMap(out.resolve(map.folder()), child);
    }
    JsonNode checkpoint = RunOutput.checkpoint(out);
    assertThat(checkpoint.get("completed")).as(child.output()).hasSize(MAPS);
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

  /** The real archives first (when the fixtures are there), then generated ones up to five. */
  private List<VaultMap> publishCatalogue() throws IOException {
    String base = "http://127.0.0.1:" + server.port();
    List<VaultMap> maps = new ArrayList<>();
    if (Files.isDirectory(REAL_MAPS)) {
      try (Stream<Path> zips = Files.list(REAL_MAPS)) {
        for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
          String folder = zip.getFileName().toString().replaceFirst("\\.zip$", "");
          String id = Integer.toString(maps.size() + 1);
          VaultMap map = new VaultMap(id, folder, folder, base + "/maps/" + folder + ".zip");
          FakeFafApi.serveArchive(server, map.archivePath(), Files.readAllBytes(zip));
          maps.add(map);
        }
      }
    }
    while (maps.size() < MAPS) {
      VaultMap map = VaultMap.numbered(maps.size() + 1, base);
      FakeFafApi.serveArchive(server, map.archivePath(), MapArchives.valid(map.folder()));
      maps.add(map);
    }
    api.publish(server, maps);
    return maps;
  }

  private record Child(int exitCode, String output) {}

  private Child runJar(Path out) throws IOException, InterruptedException {
    FafProcess faf =
        FafProcess.start(
            work.resolve("faf.log"),
            "bulk-download",
            "--limit",
            Integer.toString(MAPS),
            "--api-url",
            "http://127.0.0.1:" + server.port(),
            "--token",
            "t",
            "--output-dir",
            out.toString(),
            "--delay-ms",
            "0");
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
