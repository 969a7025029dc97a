package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fafbulk.testing.FakeFafApi;
import org.fafbulk.testing.FakeFafApi.VaultMap;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
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
  void bulkDownloadInstallsRealAndGeneratedMaps() throws Exception {
    List<VaultMap> maps = publishCatalogue();
    Path out = work.resolve("maps");

    Child child = runJar(out);

    assertThat(child.exitCode()).as(child.output()).isZero();
    assertThat(mapFolders(out)).as(child.output()).hasSize(MAPS);
    for (VaultMap map : maps) {
      assertPlayableMap(out.resolve(map.folder()), child);
    }
    JsonNode checkpoint = JSON.readTree(out.resolve("checkpoint.json").toFile());
    assertThat(checkpoint.get("completed")).as(child.output()).hasSize(MAPS);
    assertThat(checkpoint.get("in_progress")).isEmpty();
    assertThat(checkpoint.get("limit").asInt()).isEqualTo(MAPS);
    JsonNode failures = JSON.readTree(out.resolve("failures.json").toFile());
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
    assertThat(mapFolders(out))
        .as(child.output())
        .hasSize(MAPS - 1)
        .doesNotContain(broken.folder());
    JsonNode failures = JSON.readTree(out.resolve("failures.json").toFile());
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
    Path jar = Path.of(System.getProperty("faf.jar", "target/faf.jar"));
    assertThat(jar).as("the shaded jar; run mvn package first").isRegularFile();
    Path log = work.resolve("faf.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
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
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Never let a developer's real FAF settings reach the child.
    builder.environment().keySet().removeIf(name -> name.startsWith("FAF_"));
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("faf did not finish in 120 s:\n" + read(log));
    }
    return new Child(process.exitValue(), "faf output:\n" + read(log));
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static List<String> mapFolders(Path out) throws IOException {
    try (Stream<Path> entries = Files.list(out)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted()
          .toList();
    }
  }

  private static void assertPlayableMap(Path folder, Child child) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).as(child.output()).anyMatch(n -> n.endsWith(".scmap"));
      assertThat(names).as(child.output()).anyMatch(n -> n.endsWith("_scenario.lua"));
    }
  }
}
