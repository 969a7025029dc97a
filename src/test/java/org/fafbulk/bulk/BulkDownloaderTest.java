package org.fafbulk.bulk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fafbulk.testing.RunOutput.checkpoint;
import static org.fafbulk.testing.RunOutput.failures;
import static org.fafbulk.testing.RunOutput.mapFolders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.fafbulk.download.Disk;
import org.fafbulk.state.AtomicFiles;
import org.fafbulk.state.MapsIndex;
import org.fafbulk.testing.ArchiveServer;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.FakeFafApi;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.TestJson;
import org.fafbulk.testing.VaultMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code faf bulk-download} end to end, in-process, against a FAF-like API in WireMock. */
class BulkDownloaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The spacing the delay tests ask for, and the least they accept as the server sees it: a request
   * reaches the server some milliseconds after its start, and on a loaded 2-core machine that lag
   * varies by up to ~100 ms between two requests. The exact spacing of starts is {@link
   * StartPacerTest}'s, on a fake clock.
   */
  private static final Duration DELAY = Duration.ofMillis(600);

  private static final Duration MIN_GAP = Duration.ofMillis(450);

  private final FakeFafApi api = new FakeFafApi();

  @RegisterExtension final WireMockExtension server = LocalHttp.wireMock(api);

  @TempDir Path outputDir;

  @Test
  void bulkDownloadCreatesCheckpoint() throws IOException {
    List<VaultMap> maps = publishWithArchives(5);
    Instant before = Instant.now().minusSeconds(1);

    CliRun run = bulkDownload("--limit", "5");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode checkpoint = checkpoint(outputDir);
    assertThat(fieldNames(checkpoint))
        .containsExactly("completed", "in_progress", "timestamp", "filters", "limit");
    assertThat(texts(checkpoint.get("completed")))
        .containsExactlyInAnyOrder("1", "2", "3", "4", "5");
    assertThat(checkpoint.get("in_progress").isArray()).isTrue();
    assertThat(checkpoint.get("in_progress")).isEmpty();
    assertThat(Instant.parse(checkpoint.get("timestamp").asText()))
        .isBetween(before, Instant.now().plusSeconds(1));
    assertThat(checkpoint.get("filters").isObject()).isTrue();
    assertThat(checkpoint.get("filters")).isEmpty();
    assertThat(checkpoint.get("limit").isIntegralNumber()).isTrue();
    assertThat(checkpoint.get("limit").asInt()).isEqualTo(5);
    assertThat(failures(outputDir).isArray()).isTrue();
    assertThat(failures(outputDir)).isEmpty();
    for (VaultMap map : maps) {
      assertInstalled(map);
    }
    try (Stream<Path> entries = Files.list(outputDir)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .as("scratch files (maps.json's pending records) are deleted at the end")
          .noneMatch(name -> name.startsWith(AtomicFiles.TEMP_PREFIX));
    }
  }

  @Test
  void bulkDownloadResumesFromCheckpoint() throws IOException {
    List<VaultMap> maps = publishWithArchives(6);
    server.stubFor(get(maps.get(1).archivePath()).willReturn(aResponse().withStatus(500)));
    server.stubFor(get(maps.get(4).archivePath()).willReturn(aResponse().withStatus(404)));

    CliRun first = bulkDownload("--players", "8", "--limit", "6", "--retries", "0");

    assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
    assertThat(texts(checkpoint(outputDir).get("completed")))
        .containsExactlyInAnyOrder("1", "3", "4", "6");

    FakeFafApi.serveArchive(server, maps.get(1).archivePath(), MapArchives.valid("map_0002.v0001"));
    FakeFafApi.serveArchive(server, maps.get(4).archivePath(), MapArchives.valid("map_0005.v0001"));
    CliRun resumed = bulkDownload("--resume", "--retries", "0");

    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    String rsql = "latestVersion.maxPlayers==\"8\";latestVersion.hidden==\"false\"";
    server.verify(exactly(2), getRequestedFor(urlPathEqualTo("/data/map")));
    server.verify(
        exactly(2),
        getRequestedFor(urlPathEqualTo("/data/map"))
            .withQueryParam("filter", equalTo(rsql))
            .withQueryParam("page[size]", equalTo("6")));
    for (int i : new int[] {0, 2, 3, 5}) {
      server.verify(exactly(1), getRequestedFor(urlEqualTo(maps.get(i).archivePath())));
    }
    for (int i : new int[] {1, 4}) {
      server.verify(exactly(2), getRequestedFor(urlEqualTo(maps.get(i).archivePath())));
    }
    maps.forEach(this::assertInstalled);
    JsonNode checkpoint = checkpoint(outputDir);
    assertThat(texts(checkpoint.get("completed")))
        .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
    assertThat(checkpoint.get("filters")).isEqualTo(JSON.readTree("{\"player_count\": 8}"));
    assertThat(checkpoint.get("limit").asInt()).isEqualTo(6);
    assertThat(failures(outputDir)).isEmpty();

    Path fresh = outputDir.resolve("never-used");
    CliRun noCheckpoint = bulkDownloadInto(fresh, "--resume");

    assertUsageError(noCheckpoint, "there is no checkpoint.json");
    assertThat(fresh).doesNotExist();
  }

  @Test
  void bulkDownloadLogsFailures() throws IOException {
    List<VaultMap> maps = publishWithArchives(6);
    server.stubFor(get(maps.get(1).archivePath()).willReturn(aResponse().withStatus(404)));
    FakeFafApi.serveArchive(server, maps.get(3).archivePath(), MapArchives.corrupt());
    server.stubFor(
        get(maps.get(4).archivePath())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(MapArchives.htmlPage())));

    CliRun first = bulkDownload("--flush-interval-ms", "0");
    CliRun again = bulkDownload("--flush-interval-ms", "0");

    assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
    JsonNode failures = failures(outputDir);
    assertThat(failures).hasSize(3);
    assertThat(failures.findValuesAsText("map_id")).containsExactlyInAnyOrder("2", "4", "5");
    for (JsonNode entry : failures) {
      assertThat(fieldNames(entry))
          .containsExactly("map_id", "map_name", "url", "error", "timestamp");
      VaultMap map = maps.get(Integer.parseInt(entry.get("map_id").asText()) - 1);
      assertThat(entry.get("map_name").asText()).isEqualTo(map.displayName());
      assertThat(entry.get("url").asText()).isEqualTo(map.downloadUrl());
      assertThat(Instant.parse(entry.get("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
    }
    assertThat(errorOf(failures, "2")).contains("404");
    assertThat(errorOf(failures, "4")).contains("zip");
    assertThat(errorOf(failures, "5")).contains("HTML");
    for (int i : new int[] {0, 2, 5}) {
      assertInstalled(maps.get(i));
    }

    FakeFafApi.serveArchives(server, maps);
    CliRun fixed = bulkDownload();

    assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
    assertThat(failures(outputDir)).isEmpty();
    maps.forEach(this::assertInstalled);
  }

  @Test
  void bulkDownloadRespectsLimit() throws IOException {
    List<VaultMap> maps = publishWithArchives(10);

    CliRun run = bulkDownload("--limit", "3");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(mapFolders(outputDir))
        .containsExactly("map_0001.v0001", "map_0002.v0001", "map_0003.v0001");
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/data/map")));
    server.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo("/data/map")).withQueryParam("page[size]", equalTo("3")));
    for (VaultMap map : maps.subList(3, 10)) {
      server.verify(exactly(0), getRequestedFor(urlEqualTo(map.archivePath())));
    }
  }

  @Test
  void bulkDownloadRespectsConcurrency() throws Exception {
    try (ArchiveServer archives = ArchiveServer.start(Duration.ofMillis(300))) {
      List<VaultMap> maps = FakeFafApi.catalogue(9, archives.baseUrl());
      api.publish(server, maps);
      maps.forEach(m -> archives.serve(m.archivePath(), MapArchives.valid(m.folder())));

      CliRun run = bulkDownload("--concurrency", "3");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(archives.maxInFlight()).isEqualTo(3);
      assertThat(archives.arrivalNanos()).hasSize(9);
      maps.forEach(this::assertInstalled);
    }
  }

  @Test
  void bulkDownloadAppliesFilters() throws IOException {
    publishWithArchives(2);

    CliRun run = bulkDownload("--min-size", "10km", "--players", "8", "--ranked");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    server.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo("/data/map"))
            .withQueryParam(
                "filter",
                equalTo(
                    "latestVersion.width=ge=\"512\";latestVersion.height=ge=\"512\";"
                        + "latestVersion.maxPlayers==\"8\";latestVersion.ranked==\"true\";"
                        + "latestVersion.hidden==\"false\"")));
    assertThat(checkpoint(outputDir).get("filters"))
        .isEqualTo(
            JSON.readTree("{\"map_size\": \">=512\", \"player_count\": 8, \"ranked\": true}"));
    assertThat(checkpoint(outputDir).get("limit").isNull()).isTrue();
  }

  @Test
  void bulkDownloadSpacesStartsByDelay() throws Exception {
    try (ArchiveServer archives = ArchiveServer.start(Duration.ZERO)) {
      warmUp(archives);
      List<VaultMap> maps = FakeFafApi.catalogue(4, archives.baseUrl());
      api.publish(server, maps);
      maps.forEach(m -> archives.serve(m.archivePath(), MapArchives.valid(m.folder())));

      CliRun run =
          bulkDownload("--delay-ms", String.valueOf(DELAY.toMillis()), "--concurrency", "4");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertStartsSpacedBy(archives, 4, MIN_GAP, "");
    }
  }

  @Test
  void bulkDownloadDescribesFoldersInPlaceWithoutDelayingDownloads() throws Exception {
    try (ArchiveServer archives = ArchiveServer.start(Duration.ZERO)) {
      warmUp(archives);
      // 1,500 maps already in place from an older version (no maps.json), then 4 new ones.
      List<VaultMap> maps = FakeFafApi.catalogue(1_504, archives.baseUrl());
      api.publish(server, maps);
      for (VaultMap map : maps.subList(0, 1_500)) {
        MapArchives.installed(outputDir, map.folder());
      }
      maps.subList(1_500, 1_504)
          .forEach(m -> archives.serve(m.archivePath(), MapArchives.valid(m.folder())));

      CliRun run =
          bulkDownload("--delay-ms", String.valueOf(DELAY.toMillis()), "--concurrency", "4");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertStartsSpacedBy(archives, 4, MIN_GAP, ": downloads must not queue behind descriptions");
      JsonNode records = TestJson.FILES.read(outputDir.resolve(MapsIndex.FILE_NAME)).orElseThrow();
      assertThat(records).hasSize(1_504);
      assertThat(records).allSatisfy(r -> assertThat(r.get("scenario").isObject()).isTrue());
    }
  }

  @Test
  void bulkDownloadDryRunListsAndDownloadsNothing() {
    List<VaultMap> maps = publishWithArchives(3);

    CliRun run = bulkDownload("--dry-run");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    for (VaultMap map : maps) {
      assertThat(run.out()).contains(map.folder());
    }
    assertThat(run.out()).contains("3 maps selected");
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/maps/.*")));
    assertThat(outputDir).isEmptyDirectory();
  }

  @Test
  void bulkDownloadDryRunWithLimitSaysHowManyMatchInAll() {
    List<VaultMap> maps = publishWithArchives(3);

    CliRun run = bulkDownload("--dry-run", "--limit", "2");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains(maps.get(0).folder(), maps.get(1).folder());
    assertThat(run.out()).doesNotContain(maps.get(2).folder());
    assertThat(run.out()).contains("2 of 3 matching maps selected");
  }

  @Test
  void bulkDownloadFromUrlFileNeedsNoApi(@TempDir Path inputs) throws IOException {
    List<VaultMap> maps = FakeFafApi.catalogue(3, baseUrl());
    FakeFafApi.serveArchives(server, maps);
    Path urlFile = inputs.resolve("maps.txt");
    Files.writeString(
        urlFile,
        String.join(
            "\n",
            "# maps to mirror",
            maps.get(0).downloadUrl(),
            "",
            "   ",
            "map_0002.v0001   # a bare folder name, from --content-url",
            "  # " + maps.get(1).downloadUrl(),
            "map_0003.v0001",
            ""),
        StandardCharsets.UTF_8);

    CliRun run = bulkDownload("--url-file", urlFile.toString(), "--content-url", baseUrl());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    maps.forEach(this::assertInstalled);
    assertThat(server.findAll(anyRequestedFor(urlPathMatching("/data/.*")))).isEmpty();
    for (VaultMap map : maps) {
      server.verify(exactly(1), getRequestedFor(urlEqualTo(map.archivePath())));
    }
    JsonNode checkpoint = checkpoint(outputDir);
    assertThat(texts(checkpoint.get("completed")))
        .containsExactlyInAnyOrder("map_0001.v0001", "map_0002.v0001", "map_0003.v0001");
    assertThat(checkpoint.get("url_file").asText()).isEqualTo(urlFile.toString());
  }

  @Test
  void bulkDownloadRedownloadsDeletedFolder() throws IOException {
    List<VaultMap> maps = publishWithArchives(3);
    assertThat(bulkDownload().exitCode()).isZero();
    Disk.deleteRecursively(outputDir.resolve(maps.get(1).folder()));

    CliRun rerun = bulkDownload();

    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    maps.forEach(this::assertInstalled);
    server.verify(exactly(1), getRequestedFor(urlEqualTo(maps.get(0).archivePath())));
    server.verify(exactly(2), getRequestedFor(urlEqualTo(maps.get(1).archivePath())));
    server.verify(exactly(1), getRequestedFor(urlEqualTo(maps.get(2).archivePath())));
    assertThat(texts(checkpoint(outputDir).get("completed")))
        .containsExactlyInAnyOrder("1", "2", "3");
  }

  @Test
  void bulkDownloadCountsExistingFolderAsDone() throws IOException {
    List<VaultMap> maps = publishWithArchives(3);
    Files.createDirectories(outputDir.resolve(maps.get(1).folder()));

    CliRun run = bulkDownload();

    assertThat(run.exitCode()).as(run.toString()).isZero();
    server.verify(exactly(0), getRequestedFor(urlEqualTo(maps.get(1).archivePath())));
    assertInstalled(maps.get(0));
    assertInstalled(maps.get(2));
    assertThat(texts(checkpoint(outputDir).get("completed")))
        .containsExactlyInAnyOrder("1", "2", "3");
    assertThat(run.out()).contains("1 skipped");
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(List.of("--limit", "-1"), "--limit must be 0 or more"),
        Arguments.of(List.of("--concurrency", "0"), "--concurrency must be between 1 and 32"),
        Arguments.of(List.of("--concurrency", "33"), "--concurrency must be between 1 and 32"),
        Arguments.of(List.of("--min-size", "12foo"), "'12foo' is not a map size"),
        Arguments.of(List.of("--resume", "--players", "8"), "--resume repeats the selection"),
        Arguments.of(List.of("--url-file", "MISSING"), "does not exist"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void bulkDownloadRejectsBadOptionsWithUsageError(List<String> options, String message) {
    publishWithArchives(2);
    String missing = outputDir.resolve("no-such-list.txt").toString();

    CliRun run =
        bulkDownload(
            options.stream().map(o -> o.equals("MISSING") ? missing : o).toArray(String[]::new));

    assertUsageError(run, message);
    assertThat(outputDir).isEmptyDirectory();
    assertThat(server.findAll(anyRequestedFor(urlPathMatching("/.*")))).isEmpty();
  }

  private List<VaultMap> publishWithArchives(int count) {
    List<VaultMap> maps = FakeFafApi.catalogue(count, baseUrl());
    api.publish(server, maps);
    FakeFafApi.serveArchives(server, maps);
    return maps;
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Runs bulk-download against the fake API into the test's output directory, without delay. */
  private CliRun bulkDownload(String... options) {
    return bulkDownloadInto(outputDir, options);
  }

  private CliRun bulkDownloadInto(Path dir, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bulk-download",
                "--api-url",
                baseUrl(),
                "--token",
                "t",
                "--output-dir",
                dir.toString()));
    if (!Arrays.asList(options).contains("--delay-ms")) {
      args.addAll(List.of("--delay-ms", "0"));
    }
    args.addAll(Arrays.asList(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  /**
   * Runs one download first: class loading on both ends delays the very first download of a cold
   * JVM by some 30 ms, which would shorten the first gap the server sees.
   */
  private void warmUp(ArchiveServer archives) {
    VaultMap warmUp = VaultMap.numbered(9999, archives.baseUrl());
    api.publish(server, List.of(warmUp));
    archives.serve(warmUp.archivePath(), MapArchives.valid(warmUp.folder()));
    assertThat(bulkDownloadInto(outputDir.resolve("warm-up")).exitCode()).isZero();
    archives.forgetRequests();
  }

  private static void assertStartsSpacedBy(
      ArchiveServer archives, int requests, Duration gap, String why) {
    List<Long> starts = archives.arrivalNanos();
    assertThat(starts).hasSize(requests);
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.ofNanos(starts.get(i) - starts.get(i - 1)))
          .as("gap before request %d%s", i + 1, why)
          .isGreaterThanOrEqualTo(gap);
    }
  }

  private static void assertUsageError(CliRun run, String message) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    // One line saying what is wrong and pointing to --help; no stack trace.
    assertThat(run.err().lines())
        .as(run.toString())
        .singleElement()
        .asString()
        .startsWith("faf: ")
        .contains(message)
        .endsWith("(see 'faf bulk-download --help')");
  }

  private void assertInstalled(VaultMap map) {
    String name = map.folder().replaceFirst("\\.v\\d+$", "");
    Path folder = outputDir.resolve(map.folder());
    assertThat(folder.resolve(name + ".scmap")).isRegularFile();
    assertThat(folder.resolve(name + "_scenario.lua")).isRegularFile();
  }

  private static String errorOf(JsonNode failures, String mapId) {
    for (JsonNode entry : failures) {
      if (entry.get("map_id").asText().equals(mapId)) {
        return entry.get("error").asText();
      }
    }
    throw new AssertionError("no failure entry for map " + mapId + " in " + failures);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
