package org.fafbulk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.fafbulk.ExitCodes;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.Eventually;
import org.fafbulk.testing.FakeFafApi;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.MapPages;
import org.fafbulk.testing.RunOutput;
import org.fafbulk.testing.VaultMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run keeps the listed pages after the first in scratch files in its output directory: however
 * the run ends, none is left. With {@code --limit 4} a page holds four maps; page one shows only
 * map 1 (the others have no visible version), so the listing goes on to page two, which is kept in
 * a file.
 */
class PageScratchFileTest {
  @RegisterExtension static WireMockExtension server = LocalHttp.wireMock();

  @TempDir Path work;

  private VaultMap map(int n) {
    return VaultMap.numbered(n, server.baseUrl());
  }

  /** Page one: map 1, then maps 2 to 4 without a visible version. */
  private void stubFirstPage(long total) {
    stubPage(
        1,
        MapPages.page()
            .totalRecords(total)
            .map(map(1))
            .mapWithoutVisibleVersion(2)
            .mapWithoutVisibleVersion(3)
            .mapWithoutVisibleVersion(4)
            .json());
    FakeFafApi.serveArchives(server, List.of(map(1)));
  }

  /** Page two: maps {@code from} to {@code to}, their archives served. */
  private void stubSecondPage(int from, int to) {
    MapPages page = MapPages.page();
    List<VaultMap> maps = IntStream.rangeClosed(from, to).mapToObj(this::map).toList();
    maps.forEach(page::map);
    stubPage(2, page.json());
    FakeFafApi.serveArchives(server, maps);
  }

  private void stubPage(int number, String json) {
    server.stubFor(
        get(urlPathEqualTo("/data/map"))
            .withQueryParam("page[number]", equalTo(Integer.toString(number)))
            .willReturn(okJson(json)));
  }

  private CliRun run(Path out) {
    return run(out, "4");
  }

  private CliRun run(Path out, String limit) {
    return CliRun.of(
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
        "0",
        "--limit",
        limit);
  }

  private static List<String> pageFiles(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.startsWith(".faf-tmp-page"))
          .toList();
    }
  }

  @Test
  void aRunThatTakesEveryListedMapLeavesNoPageFile() throws IOException {
    stubFirstPage(6);
    stubSecondPage(5, 6); // a short page: the last

    Path out = work.resolve("maps");
    CliRun run = run(out);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(RunOutput.mapFolders(out)).hasSize(3);
    assertThat(pageFiles(out)).isEmpty();
  }

  @Test
  void aRunThatReachesItsLimitHalfwayThroughAPageLeavesNoPageFile() throws IOException {
    stubFirstPage(8);
    stubSecondPage(5, 8); // map 8 is past the limit

    Path out = work.resolve("maps");
    CliRun run = run(out);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(RunOutput.mapFolders(out))
        .containsExactlyInAnyOrder(
            map(1).folder(), map(5).folder(), map(6).folder(), map(7).folder());
    assertThat(pageFiles(out)).isEmpty();
  }

  @Test
  void aListingThatEndsWithAnErrorOnItsSecondPageLeavesNoPageFile() throws IOException {
    // no map to download on page one, so that no download is still running as the run ends
    String hidden =
        MapPages.page()
            .totalRecords(8)
            .mapWithoutVisibleVersion(1)
            .mapWithoutVisibleVersion(2)
            .mapWithoutVisibleVersion(3)
            .mapWithoutVisibleVersion(4)
            .json();
    stubPage(1, hidden);
    stubPage(2, hidden); // the same maps again: read, kept in a file, then the listing ends

    Path out = work.resolve("maps");
    CliRun run = run(out);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FATAL);
    assertThat(run.err()).contains("page 2 adds no map it had not sent already");
    assertThat(pageFiles(out)).isEmpty();
  }

  @Test
  void aPageAfterTheFirstWaitsInOneFileWhileItsMapsDownload() throws Exception {
    // --limit 300 asks for pages of 300: page one shows map 1 only, page two maps 301 to 600.
    // With their archives held, the run can start only a few of them, and the listing stops 256
    // ahead of those (Coordinator.LISTING_WINDOW), so page two is not wholly taken while held.
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer archives =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    archives.setExecutor(threads);
    archives.createContext("/maps/", exchange -> serveHeld(exchange, arrived, release));
    archives.start();
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      String base = "http://127.0.0.1:" + archives.getAddress().getPort();
      MapPages first = MapPages.page().totalRecords(600).map(VaultMap.numbered(1, base));
      IntStream.rangeClosed(2, 300).forEach(first::mapWithoutVisibleVersion);
      stubPage(1, first.json());
      MapPages second = MapPages.page();
      IntStream.rangeClosed(301, 600).forEach(n -> second.map(VaultMap.numbered(n, base)));
      stubPage(2, second.json());
      Path out = work.resolve("maps");

      Future<CliRun> run = runner.submit(() -> run(out, "300"));
      Eventually.await(
          "a download of a page-two map, or the run's end",
          () -> arrived.getCount() == 0 || run.isDone());

      assertThat(run.isDone()).as("the run ended before a page-two download").isFalse();
      assertThat(pageFiles(out)).hasSize(1);
      release.countDown();
      CliRun done = run.get();
      assertThat(done.exitCode()).as(done.toString()).isEqualTo(ExitCodes.OK);
      assertThat(RunOutput.mapFolders(out)).hasSize(300);
      assertThat(pageFiles(out)).isEmpty();
    } finally {
      release.countDown();
      runner.shutdown();
      archives.stop(0);
      threads.shutdown();
    }
  }

  /** Serves {@code /maps/<folder>.zip}, holding back those of maps past 300 until released. */
  private static void serveHeld(
      HttpExchange exchange, CountDownLatch arrived, CountDownLatch release) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring("/maps/".length());
      String folder = name.substring(0, name.length() - ".zip".length());
      if (Integer.parseInt(folder.substring("map_".length(), "map_0000".length())) > 300) {
        arrived.countDown();
        release.await();
      }
      byte[] zip = MapArchives.valid(folder);
      exchange.sendResponseHeaders(200, zip.length);
      exchange.getResponseBody().write(zip);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
