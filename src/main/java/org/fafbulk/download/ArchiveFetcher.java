package org.fafbulk.download;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.fafbulk.Printable;
import org.fafbulk.http.HttpStatusException;
import org.fafbulk.http.RetryLoop;
import org.fafbulk.http.RetryPolicy;
import org.fafbulk.state.CollocatedTempFile;

/**
 * Downloads one archive, retrying what is worth retrying: into memory when the server announces a
 * size within the memory bound (most maps), otherwise streamed into a temporary file beside its
 * destination. Nothing larger than the bound is ever held in memory.
 */
public final class ArchiveFetcher {
  /** The largest archive held in memory, at any concurrency. */
  static final int MAX_IN_MEMORY = 8 * 1024 * 1024;

  /** What all downloading threads together may hold in memory at most. */
  static final long MEMORY_BUDGET = 32L * 1024 * 1024;

  private static final int BUFFER = 256 * 1024;
  private static final byte[] ZIP_MAGIC = {'P', 'K'};

  private final OkHttpClient http;
  private final RetryLoop retry;
  private final long maxArchiveBytes;
  private final ArchiveMemory memory;

  /** A fetcher for a single thread, as download-map uses: archives up to 8 MiB stay in memory. */
  public ArchiveFetcher(OkHttpClient http, RetryPolicy retry, long maxArchiveBytes) {
    this(http, retry, maxArchiveBytes, MAX_IN_MEMORY);
  }

  /** A fetcher that holds archives of at most {@code maxInMemory} bytes in memory (0: none). */
  public ArchiveFetcher(
      OkHttpClient http, RetryPolicy retry, long maxArchiveBytes, int maxInMemory) {
    this.http = http;
    this.retry = new RetryLoop(retry);
    this.maxArchiveBytes = maxArchiveBytes;
    this.memory = new ArchiveMemory(maxInMemory);
  }

  /**
   * The largest archive each of {@code threads} threads may hold in memory, so that together they
   * stay within {@link #MEMORY_BUDGET}: 8 MiB up to 4 threads, 4 MiB at 8, less beyond.
   */
  public static int maxInMemory(int threads) {
    return (int) Math.min(MAX_IN_MEMORY, MEMORY_BUDGET / Math.max(1, threads));
  }

  /** Parses a download URL, refusing anything that is not http or https. */
  public static HttpUrl parseUrl(String url) throws MapFailure {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw MapFailure.rejected("'" + url + "' is not an http or https URL");
    }
    return parsed;
  }

  /**
   * Downloads {@code url} into memory or into a new temporary file in {@code dir}; the caller
   * closes what it gets. {@code progress} receives the bytes as they arrive (and a negative count
   * when an attempt is abandoned).
   */
  public DownloadedArchive fetch(HttpUrl url, Path dir, LongConsumer progress) throws MapFailure {
    try {
      return retry.run(() -> attempt(url, dir, progress), RetryLoop.TRANSIENT);
    } catch (RetryLoop.GaveUp e) {
      MapFailure last = new MapFailure(MapFailure.Kind.RETRYABLE, e.getMessage(), e.last());
      throw e.attempts() == 1 ? last : last.afterAttempts(e.attempts());
    } catch (IOException e) {
      throw MapFailure.rejected(RetryLoop.describe(e)); // a status not worth retrying
    }
  }

  private DownloadedArchive attempt(HttpUrl url, Path dir, LongConsumer progress)
      throws IOException, MapFailure {
    Counted counted = new Counted(progress);
    boolean fetched = false;
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      ResponseBody body = archiveBody(response);
      long length = body.contentLength();
      Optional<ArchiveMemory.Lease> lease = memory.lease(length);
      DownloadedArchive archive =
          lease.isPresent()
              ? intoMemory(body, lease.get(), counted)
              : intoFile(body, length, dir, counted);
      fetched = true;
      return archive;
    } finally {
      if (!fetched) {
        counted.takeBack();
      }
    }
  }

  /** Reads a body whose length the server announced into {@code lease}'s buffer, exactly. */
  private static DownloadedArchive intoMemory(
      ResponseBody body, ArchiveMemory.Lease lease, LongConsumer progress)
      throws IOException, MapFailure {
    boolean held = false;
    try {
      ByteBuffer buffer = lease.buffer();
      BufferedSource source = body.source();
      while (buffer.hasRemaining()) {
        int n = source.read(buffer);
        if (n < 0) {
          throw new ProtocolException(
              "body has " + buffer.position() + " bytes, Content-Length said " + buffer.limit());
        }
        progress.accept(n);
      }
      byte[] head = new byte[2];
      buffer.get(0, head, 0, Math.min(2, buffer.limit()));
      checkLooksLikeZip(head);
      held = true;
      return DownloadedArchive.inMemory(lease, buffer.limit());
    } finally {
      if (!held) {
        lease.close();
      }
    }
  }

  private DownloadedArchive intoFile(
      ResponseBody body, long length, Path dir, LongConsumer progress)
      throws IOException, MapFailure {
    try (CollocatedTempFile temp = tempFile(dir)) {
      long received = stream(body.byteStream(), temp.path(), progress, dir);
      if (length >= 0 && received != length) {
        throw new ProtocolException(
            "body has " + received + " bytes, Content-Length said " + length);
      }
      if (received == 0) {
        throw MapFailure.rejected("the server sent an empty file");
      }
      byte[] head = new byte[2];
      try (InputStream in = Files.newInputStream(temp.path())) {
        in.readNBytes(head, 0, 2);
      }
      checkLooksLikeZip(head);
      return DownloadedArchive.inFile(temp.handOver(), received);
    }
  }

  private static CollocatedTempFile tempFile(Path dir) throws MapFailure {
    try {
      return CollocatedTempFile.file(dir, "archive-", ".zip");
    } catch (IOException e) {
      throw Disk.classify("cannot create a temporary file in " + dir, e, dir);
    }
  }

  /** The body of a response that may hold an archive; the status and the headers say whether. */
  private ResponseBody archiveBody(Response response) throws HttpStatusException, MapFailure {
    if (!response.isSuccessful()) {
      throw HttpStatusException.of(
          response, "HTTP " + response.code() + ": " + reasonPhrase(response));
    }
    String type = String.valueOf(response.header("Content-Type")).toLowerCase(Locale.ROOT);
    if (type.startsWith("text/html")) {
      throw MapFailure.rejected(
          "the server sent an HTML page (Content-Type " + type + "), not a zip archive");
    }
    long length = response.body().contentLength();
    if (length < 0 && response.header("Content-Length") != null) {
      throw MapFailure.rejected(
          "the server sent an invalid Content-Length ("
              + Printable.of(response.header("Content-Length"))
              + ")");
    }
    if (length > maxArchiveBytes) {
      throw MapFailure.rejected(
          "archive is " + length + " bytes, more than the limit of " + maxArchiveBytes);
    }
    return response.body();
  }

  private long stream(InputStream in, Path temp, LongConsumer progress, Path dir)
      throws IOException, MapFailure {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxArchiveBytes) {
          throw MapFailure.rejected(
              "archive is larger than the limit of " + maxArchiveBytes + " bytes");
        }
        try {
          out.write(buffer, 0, n);
        } catch (IOException e) {
          throw Disk.classify("cannot write " + temp, e, dir);
        }
        progress.accept(n);
      }
    }
    return total;
  }

  /** Passes bytes on to the progress, and takes them back when their attempt is abandoned. */
  private static final class Counted implements LongConsumer {
    private final LongConsumer progress;
    private long total;

    Counted(LongConsumer progress) {
      this.progress = progress;
    }

    @Override
    public void accept(long bytes) {
      total += bytes;
      progress.accept(bytes);
    }

    void takeBack() {
      if (total > 0) {
        progress.accept(-total);
      }
    }
  }

  private static void checkLooksLikeZip(byte[] head) throws MapFailure {
    if (head[0] != ZIP_MAGIC[0] || head[1] != ZIP_MAGIC[1]) {
      throw MapFailure.rejected("the server sent something that is not a zip archive");
    }
  }

  private static String reasonPhrase(Response response) {
    String message = response.message();
    if (message != null && !message.isBlank()) {
      return message;
    }
    return switch (response.code()) {
      case 404 -> "Not Found";
      case 403 -> "Forbidden";
      case 410 -> "Gone";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "error";
    };
  }
}
