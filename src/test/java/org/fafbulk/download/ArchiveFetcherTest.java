package org.fafbulk.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fafbulk.testing.LocalHttp.FAST_RETRY;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.fafbulk.http.HttpClients;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveFetcherTest {
  @RegisterExtension static final WireMockExtension content = LocalHttp.wireMock();

  private static final OkHttpClient HTTP = LocalHttp.client();
  private static final String PATH = "/maps/test_map.v0001.zip";

  @TempDir Path dir;
  private final AtomicLong progress = new AtomicLong();

  private static HttpUrl url() {
    return LocalHttp.url(content, PATH);
  }

  private static byte[] archive(Path scratch) throws IOException {
    Path zip = MapArchives.validMap(Files.createTempFile(scratch, "src", ".zip"), "test_map.v0001");
    byte[] bytes = Files.readAllBytes(zip);
    Files.delete(zip);
    return bytes;
  }

  /** An archive response with its Content-Length, as a file server sends (WireMock would chunk). */
  private static ResponseDefinitionBuilder zip(byte[] body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/zip")
        .withHeader("Content-Length", String.valueOf(body.length))
        .withBody(body);
  }

  /** Fetches through a fetcher that keeps every archive on disk, where a test can see it. */
  private DownloadedArchive fetch() throws MapFailure {
    return fetch(0);
  }

  private DownloadedArchive fetch(int maxInMemory) throws MapFailure {
    return new ArchiveFetcher(HTTP, FAST_RETRY, 1L << 30, maxInMemory)
        .fetch(url(), dir, progress::addAndGet);
  }

  private MapFailure failure(ArchiveFetcher fetcher) {
    MapFailure failure =
        catchThrowableOfType(
            MapFailure.class, () -> fetcher.fetch(url(), dir, progress::addAndGet));
    assertThat(failure).as("the download should fail").isNotNull();
    return failure;
  }

  private MapFailure failure() {
    return failure(new ArchiveFetcher(HTTP, FAST_RETRY, 1L << 30));
  }

  private static int requests() {
    return content.findAll(getRequestedFor(urlPathEqualTo(PATH))).size();
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Test
  void streamsTheArchiveIntoATemporaryFileInTheDirectory(@TempDir Path scratch) throws Exception {
    byte[] body = archive(scratch);
    content.stubFor(get(urlPathEqualTo(PATH)).willReturn(zip(body)));

    DownloadedArchive fetched = fetch();

    Path file = fetched.file().orElseThrow();
    assertThat(file.getParent()).isEqualTo(dir);
    assertThat(file.getFileName().toString()).startsWith(".faf-tmp-archive-");
    assertThat(file).hasBinaryContent(body);
    assertThat(fetched.bytes()).isEqualTo(body.length);
    assertThat(progress.get()).isEqualTo(body.length);
    assertThat(listing(dir)).containsExactly(file);
    assertThat(requests()).isEqualTo(1);
    fetched.close();
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void holdsAnArchiveWithinTheBoundInMemoryAndWritesNothing(@TempDir Path scratch)
      throws Exception {
    byte[] body = archive(scratch);
    content.stubFor(get(urlPathEqualTo(PATH)).willReturn(zip(body)));

    try (DownloadedArchive fetched = fetch(body.length)) {
      assertThat(fetched.file()).isEmpty();
      assertThat(DownloadedBytes.of(fetched)).isEqualTo(body);
      assertThat(fetched.bytes()).isEqualTo(body.length);
      assertThat(progress.get()).isEqualTo(body.length);
      assertThat(listing(dir)).isEmpty();
    }
  }

  @Test
  void streamsAnArchiveOverTheBoundIntoAFile(@TempDir Path scratch) throws Exception {
    byte[] body = archive(scratch);
    content.stubFor(get(urlPathEqualTo(PATH)).willReturn(zip(body)));

    try (DownloadedArchive fetched = fetch(body.length - 1)) {
      assertThat(fetched.file()).isPresent();
      assertThat(fetched.file().get()).hasBinaryContent(body);
    }
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void streamsABodyOfUnannouncedLengthIntoAFile(@TempDir Path scratch) throws Exception {
    byte[] body = archive(scratch);
    // Chunked transfer: no Content-Length, so no size to reserve memory for.
    content.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/zip")
                    .withBody(body)
                    .withChunkedDribbleDelay(4, 20)));

    try (DownloadedArchive fetched = fetch(ArchiveFetcher.MAX_IN_MEMORY)) {
      assertThat(fetched.file()).isPresent();
      assertThat(fetched.file().get()).hasBinaryContent(body);
      assertThat(fetched.bytes()).isEqualTo(body.length);
    }
  }

  @Test
  void refusesASmallBodyThatIsNotAZipWithoutWritingIt() throws Exception {
    content.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/octet-stream")
                    .withHeader("Content-Length", "1")
                    .withBody("X")));

    MapFailure failure = failure(new ArchiveFetcher(HTTP, FAST_RETRY, 1L << 30));

    assertThat(failure.getMessage()).contains("not a zip archive");
    assertThat(progress.get()).isZero();
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void aClosedArchiveGivesTheBufferToTheNextAndCannotBeRead(@TempDir Path scratch)
      throws Exception {
    byte[] body = archive(scratch);
    content.stubFor(get(urlPathEqualTo(PATH)).willReturn(zip(body)));
    ArchiveFetcher fetcher = new ArchiveFetcher(HTTP, FAST_RETRY, 1L << 30);

    DownloadedArchive first = fetcher.fetch(url(), dir, n -> {});
    first.close();
    try (DownloadedArchive second = fetcher.fetch(url(), dir, n -> {})) {
      assertThat(DownloadedBytes.of(second)).isEqualTo(body);
    }
    assertThatThrownBy(first::open).hasMessageContaining("read after it was closed");
  }

  @Test
  void workersTogetherHoldAtMostTheBudget() {
    assertThat(ArchiveFetcher.maxInMemory(1)).isEqualTo(8 << 20);
    assertThat(ArchiveFetcher.maxInMemory(4)).isEqualTo(8 << 20);
    assertThat(ArchiveFetcher.maxInMemory(8)).isEqualTo(4 << 20);
    assertThat(ArchiveFetcher.maxInMemory(32)).isEqualTo(1 << 20);
  }

  @Test
  void notFoundFailsAtOnceAsPermanent() throws Exception {
    content.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404)));

    MapFailure failure = failure();

    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.PERMANENT);
    assertThat(failure.getMessage()).contains("HTTP 404");
    assertThat(requests()).isEqualTo(1);
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void serviceUnavailableIsRetriedThenSucceeds(@TempDir Path scratch) throws Exception {
    byte[] body = archive(scratch);
    LocalHttp.stubFlakyEndpoint(content, PATH, 1, aResponse().withStatus(503), zip(body));

    DownloadedArchive fetched = fetch();

    assertThat(fetched.file().orElseThrow()).hasBinaryContent(body);
    assertThat(requests()).isEqualTo(2);
    assertThat(listing(dir)).containsExactly(fetched.file().orElseThrow());
  }

  @Test
  void serviceUnavailableEveryTimeFailsAsRetryableAfterMaxAttempts() throws Exception {
    content.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

    MapFailure failure = failure();

    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.RETRYABLE);
    assertThat(failure.getMessage()).contains("HTTP 503");
    assertThat(requests()).isEqualTo(FAST_RETRY.maxAttempts());
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void rejectsAnHtmlPage() throws Exception {
    content.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody("<html><body>Maintenance</body></html>")));

    MapFailure failure = failure();

    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.PERMANENT);
    assertThat(failure.getMessage()).contains("HTML page");
    assertThat(requests()).isEqualTo(1);
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void rejectsAnEmptyBody() throws Exception {
    content.stubFor(get(urlPathEqualTo(PATH)).willReturn(zip(new byte[0])));

    MapFailure failure = failure();

    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.PERMANENT);
    assertThat(failure.getMessage()).contains("empty");
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void rejectsABodyThatIsNotAZip() throws Exception {
    content.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(zip(MapArchives.utf8("Map\u001a not zipped"))));

    MapFailure failure = failure();

    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.PERMANENT);
    assertThat(failure.getMessage()).contains("not a zip archive");
    assertThat(requests()).isEqualTo(1);
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void rejectsAnArchiveOverTheSizeLimit(@TempDir Path scratch) throws Exception {
    byte[] body = archive(scratch);
    content.stubFor(get(urlPathEqualTo(PATH)).willReturn(zip(body)));

    MapFailure failure = failure(new ArchiveFetcher(HTTP, FAST_RETRY, body.length - 1));

    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.PERMANENT);
    assertThat(failure.getMessage()).contains("limit of " + (body.length - 1));
    assertThat(requests()).isEqualTo(1);
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void connectionResetIsRetriedThenFailsAsRetryable() throws Exception {
    content.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    MapFailure failure = failure();

    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.RETRYABLE);
    // OkHttp silently retries a reset connection itself, so there may be more requests.
    assertThat(requests()).isGreaterThanOrEqualTo(FAST_RETRY.maxAttempts());
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void serviceUnavailableFailureSaysHowOftenItWasTried() throws Exception {
    content.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

    assertThat(failure().getMessage())
        .isEqualTo(
            "HTTP 503: Service Unavailable (gave up after "
                + FAST_RETRY.maxAttempts()
                + " attempts)");
  }

  @Test
  void tooManyRequestsWaitsForRetryAfterThenSucceeds(@TempDir Path scratch) throws Exception {
    LocalHttp.stubFlakyEndpoint(
        content,
        PATH,
        1,
        aResponse().withStatus(429).withHeader("Retry-After", "1"),
        zip(archive(scratch)));

    long start = System.nanoTime();
    DownloadedArchive fetched = fetch();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("FAST_RETRY alone would wait at most 50 ms; Retry-After says 1 s")
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(requests()).isEqualTo(2);
    assertThat(fetched.file().orElseThrow()).exists();
  }

  @Test
  void connectionRefusedIsRetriedThenFailsAsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HttpUrl nobodyListens = HttpUrl.get("http://127.0.0.1:" + closedPort + PATH);

    MapFailure failure =
        catchThrowableOfType(
            MapFailure.class,
            () ->
                new ArchiveFetcher(HTTP, FAST_RETRY, 1L << 30)
                    .fetch(nobodyListens, dir, progress::addAndGet));

    assertThat(failure).isNotNull();
    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.RETRYABLE);
    assertThat(failure.getMessage())
        .containsIgnoringCase("refused")
        .endsWith("(gave up after " + FAST_RETRY.maxAttempts() + " attempts)");
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void connectTimeoutIsRetriedThenFailsAsRetryable() throws Exception {
    // A listening socket that never accepts, whose backlog is full: further connection attempts
    // get no answer at all, as from a host that drops packets.
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> backlog = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket s = new Socket();
          try {
            s.connect(silent.getLocalSocketAddress(), 200);
            backlog.add(s);
          } catch (IOException e) {
            s.close();
            break; // the backlog is full: this is the state the test needs
          }
        }
        OkHttpClient impatient =
            HttpClients.create(1, Duration.ofMillis(300), Duration.ofSeconds(2));
        HttpUrl url = HttpUrl.get("http://127.0.0.1:" + silent.getLocalPort() + PATH);

        MapFailure failure =
            catchThrowableOfType(
                MapFailure.class,
                () ->
                    new ArchiveFetcher(impatient, FAST_RETRY, 1L << 30)
                        .fetch(url, dir, progress::addAndGet));

        assertThat(failure).isNotNull();
        assertThat(failure.kind()).isEqualTo(MapFailure.Kind.RETRYABLE);
        assertThat(failure.getMessage())
            .containsIgnoringCase("timed out")
            .endsWith("(gave up after " + FAST_RETRY.maxAttempts() + " attempts)");
        assertThat(listing(dir)).isEmpty();
      } finally {
        for (Socket s : backlog) {
          s.close();
        }
      }
    }
  }

  @Test
  void stalledServerTimesOutAndFailsAsRetryableAfterMaxAttempts(@TempDir Path scratch)
      throws Exception {
    content.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(zip(archive(scratch)).withFixedDelay(1500)));
    OkHttpClient impatient = HttpClients.create(1, Duration.ofSeconds(1), Duration.ofMillis(300));

    MapFailure failure = failure(new ArchiveFetcher(impatient, FAST_RETRY, 1L << 30));

    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.RETRYABLE);
    assertThat(failure.getMessage()).containsIgnoringCase("timeout");
    assertThat(requests()).isEqualTo(FAST_RETRY.maxAttempts());
    assertThat(listing(dir)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://content.example/maps/a.zip",
        "file:///etc/passwd",
        "content.example/maps/a.zip",
        "javascript:alert(1)",
        ""
      })
  void refusesUrlsThatAreNotHttp(String url) {
    assertThatThrownBy(() -> ArchiveFetcher.parseUrl(url))
        .isInstanceOf(MapFailure.class)
        .hasMessageContaining("not an http or https URL");
  }

  @Test
  void acceptsHttpAndHttpsUrls() throws MapFailure {
    assertThat(ArchiveFetcher.parseUrl("https://content.example/maps/a.zip").host())
        .isEqualTo("content.example");
    assertThat(ArchiveFetcher.parseUrl("http://127.0.0.1:8080/maps/a.zip").port()).isEqualTo(8080);
  }
}
