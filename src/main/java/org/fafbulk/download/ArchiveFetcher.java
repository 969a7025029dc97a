package org.fafbulk.download;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.fafbulk.Errors;
import org.fafbulk.http.RetryPolicy;
import org.fafbulk.state.AtomicFiles;

/**
 * Streams one archive from the content server into a temporary file beside its destination,
 * retrying what is worth retrying; never holds an archive in memory.
 */
public final class ArchiveFetcher {
  private static final int BUFFER = 256 * 1024;
  private static final byte[] ZIP_MAGIC = {'P', 'K'};

  private final OkHttpClient http;
  private final RetryPolicy retry;
  private final long maxArchiveBytes;

  public ArchiveFetcher(OkHttpClient http, RetryPolicy retry, long maxArchiveBytes) {
    this.http = http;
    this.retry = retry;
    this.maxArchiveBytes = maxArchiveBytes;
  }

  /** A downloaded archive in a temporary file the caller must delete. */
  public record Fetched(Path file, long bytes) {}

  /** Parses a download URL, refusing anything that is not http or https. */
  public static HttpUrl parseUrl(String url) throws MapFailure {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw MapFailure.rejected("'" + url + "' is not an http or https URL");
    }
    return parsed;
  }

  /**
   * Downloads {@code url} into a new temporary file in {@code dir}. {@code progress} receives the
   * bytes as they arrive (and a negative count when an attempt is abandoned).
   */
  public Fetched fetch(HttpUrl url, Path dir, LongConsumer progress) throws MapFailure {
    for (int attempt = 1; ; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      MapFailure failure;
      long received = 0;
      Path temp = null;
      try {
        temp = Files.createTempFile(dir, AtomicFiles.TEMP_PREFIX + "archive-", ".zip");
      } catch (IOException e) {
        throw Disk.classify("cannot create a temporary file in " + dir, e, dir);
      }
      try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
        int code = response.code();
        if (!response.isSuccessful()) {
          String reason = "HTTP " + code + ": " + reasonPhrase(response);
          if (!RetryPolicy.isRetryable(code)) {
            throw MapFailure.rejected(reason);
          }
          retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), Instant.now());
          throw new MapFailure(MapFailure.Kind.RETRYABLE, reason);
        }
        ResponseBody body = response.body();
        String type = String.valueOf(response.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html")) {
          throw MapFailure.rejected(
              "the server sent an HTML page (Content-Type " + type + "), not a zip archive");
        }
        long length = body.contentLength();
        if (length > maxArchiveBytes) {
          throw MapFailure.rejected(
              "archive is " + length + " bytes, more than the limit of " + maxArchiveBytes);
        }
        received = stream(body.byteStream(), temp, progress, dir);
        if (length >= 0 && received != length) {
          throw new MapFailure(
              MapFailure.Kind.RETRYABLE,
              "body has " + received + " bytes, Content-Length said " + length);
        }
        checkLooksLikeZip(temp, received);
        Path done = temp;
        temp = null;
        return new Fetched(done, received);
      } catch (MapFailure e) {
        failure = e;
      } catch (IOException e) {
        failure = new MapFailure(MapFailure.Kind.RETRYABLE, Errors.describe(e), e);
      } finally {
        if (temp != null) {
          deleteQuietly(temp);
        }
      }
      if (received > 0) {
        progress.accept(-received);
      }
      if (!failure.retryable()) {
        throw failure;
      }
      if (attempt >= retry.maxAttempts() || !RetryPolicy.sleep(retry.delay(attempt, retryAfter))) {
        throw attempt == 1 ? failure : failure.afterAttempts(attempt);
      }
    }
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

  private static void checkLooksLikeZip(Path file, long bytes) throws IOException, MapFailure {
    if (bytes == 0) {
      throw MapFailure.rejected("the server sent an empty file");
    }
    byte[] head = new byte[2];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, 2) < 2 || head[0] != ZIP_MAGIC[0] || head[1] != ZIP_MAGIC[1]) {
        throw MapFailure.rejected("the server sent something that is not a zip archive");
      }
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

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the next run removes leftover temporary files
    }
  }
}
