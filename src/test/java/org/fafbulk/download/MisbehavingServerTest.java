package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.fafbulk.http.HttpClients;
import org.fafbulk.http.RetryPolicy;
import org.fafbulk.testing.MapArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that lies about its body: a raw socket on 127.0.0.1, since an HTTP library would not
 * send a body shorter or longer than its Content-Length, nor redirect to a non-http URL.
 */
class MisbehavingServerTest {
  private static final RetryPolicy FAST =
      new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofSeconds(1));

  @TempDir Path dir;

  private final ArchiveFetcher fetcher = fetcher(ArchiveFetcher.MAX_IN_MEMORY);

  /** A fetcher that holds archives up to {@code maxInMemory} bytes in memory, the rest on disk. */
  private static ArchiveFetcher fetcher(int maxInMemory) {
    return new ArchiveFetcher(
        HttpClients.create(2, Duration.ofSeconds(2), Duration.ofSeconds(2)),
        FAST,
        1 << 20,
        maxInMemory);
  }

  @ParameterizedTest(name = "held in memory up to {0} bytes")
  @ValueSource(ints = {0, ArchiveFetcher.MAX_IN_MEMORY})
  void bodyShorterThanContentLengthIsRetriedThenFails(int maxInMemory) throws Exception {
    ArchiveFetcher fetcher = fetcher(maxInMemory);
    byte[] zip = MapArchives.valid("m.v0001", 20_000, 1);
    try (RawServer server = new RawServer(headers(200, zip.length + 100), zip, true)) {
      MapFailure failure =
          catchThrowableOfType(MapFailure.class, () -> fetcher.fetch(server.url(), dir, n -> {}));
      assertThat(failure.kind()).isEqualTo(MapFailure.Kind.RETRYABLE);
      assertThat(server.requests()).isEqualTo(FAST.maxAttempts());
    }
    assertThat(leftovers()).isEmpty();
  }

  @ParameterizedTest(name = "held in memory up to {0} bytes")
  @ValueSource(ints = {0, ArchiveFetcher.MAX_IN_MEMORY})
  void bodyLongerThanContentLengthYieldsACorruptArchiveThatIsRejected(int maxInMemory)
      throws Exception {
    byte[] zip = MapArchives.valid("m.v0001", 20_000, 1);
    try (RawServer server = new RawServer(headers(200, zip.length / 2), zip, true);
        DownloadedArchive fetched = fetcher(maxInMemory).fetch(server.url(), dir, n -> {})) {
      assertThat(fetched.bytes()).isEqualTo(zip.length / 2);
      Path out = Files.createDirectories(dir.resolve("out"));
      MapFailure failure =
          catchThrowableOfType(
              MapFailure.class,
              () ->
                  new MapInstaller(ArchiveLimits.DEFAULT)
                      .install(fetched, out, java.util.Optional.of("m.v0001")));
      assertThat(failure).hasMessageContaining("not a zip file");
      try (Stream<Path> entries = Files.list(out)) {
        assertThat(entries).isEmpty();
      }
    }
  }

  @Test
  void redirectToANonHttpUrlIsNotFollowed() throws Exception {
    String redirect =
        String.join(
            "\r\n",
            "HTTP/1.1 302 Found",
            "Location: file:///etc/passwd",
            "Content-Length: 0",
            "Connection: close",
            "",
            "");
    try (RawServer server = new RawServer(redirect, new byte[0], true)) {
      MapFailure failure =
          catchThrowableOfType(MapFailure.class, () -> fetcher.fetch(server.url(), dir, n -> {}));
      assertThat(failure).hasMessageContaining("HTTP 302");
      assertThat(failure.retryable()).isFalse();
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aBodyCutShortInMemoryGivesTheThreadsBufferBack() throws Exception {
    ArchiveFetcher fetcher = fetcher(ArchiveFetcher.MAX_IN_MEMORY);
    byte[] zip = MapArchives.valid("m.v0001", 20_000, 1);
    try (RawServer cut = new RawServer(headers(200, zip.length + 100), zip, true)) {
      assertThat(
              catchThrowableOfType(MapFailure.class, () -> fetcher.fetch(cut.url(), dir, n -> {})))
          .isNotNull();
    }
    // Had the failed attempts kept the buffer, this thread could not hold another archive.
    try (RawServer honest = new RawServer(headers(200, zip.length), zip, true);
        DownloadedArchive fetched = fetcher.fetch(honest.url(), dir, n -> {})) {
      assertThat(fetched.file()).isEmpty();
      assertThat(DownloadedBytes.of(fetched)).isEqualTo(zip);
    }
  }

  @Test
  void aNegativeContentLengthIsRefusedWithoutReadingTheBody() throws Exception {
    byte[] zip = MapArchives.valid("m.v0001", 20_000, 1);
    try (RawServer server = new RawServer(headers(200, -5), zip, true)) {
      MapFailure failure =
          catchThrowableOfType(MapFailure.class, () -> fetcher.fetch(server.url(), dir, n -> {}));
      assertThat(failure).hasMessageContaining("invalid Content-Length (-5)");
      assertThat(failure.retryable()).isFalse();
    }
    assertThat(leftovers()).isEmpty();
  }

  private java.util.List<Path> leftovers() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> !p.getFileName().toString().equals("out")).toList();
    }
  }

  private static String headers(int status, long contentLength) {
    return "HTTP/1.1 "
        + status
        + " OK\r\nContent-Type: application/zip\r\nContent-Length: "
        + contentLength
        + "\r\nConnection: close\r\n\r\n";
  }

  /** Answers every connection with the same raw bytes, then closes it. */
  private static final class RawServer implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread thread;

    RawServer(String head, byte[] body, boolean close) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket client = socket.accept()) {
                    requests.incrementAndGet();
                    client.getInputStream().read(new byte[8192]);
                    OutputStream out = client.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                    if (close) {
                      client.shutdownOutput();
                    }
                  } catch (IOException e) {
                    // closed by the test
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    okhttp3.HttpUrl url() {
      return okhttp3.HttpUrl.get("http://127.0.0.1:" + socket.getLocalPort() + "/maps/m.v0001.zip");
    }

    int requests() {
      return requests.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
