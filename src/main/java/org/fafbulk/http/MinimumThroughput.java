package org.fafbulk.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Fails a response body that arrives too slowly: at least {@link #MIN_BYTES} in every window of the
 * read timeout ({@code --timeout}). The read timeout alone only bounds the gap between two reads,
 * so a server dripping a byte a second would hold a download, and a stop, for ever.
 */
final class MinimumThroughput implements Interceptor {
  /**
   * 8 KiB per window: with the default 30 s that is 273 bytes/s, far below any real connection (a
   * 50 MB map at 100 KB/s sends 3 MB per window), yet a drip fails within two windows.
   */
  static final long MIN_BYTES = 8 * 1024;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    long windowNanos = chain.readTimeoutMillis() * 1_000_000L;
    if (windowNanos <= 0) {
      return response;
    }
    ResponseBody guarded =
        ResponseBody.create(
            Okio.buffer(new Guard(body, windowNanos)), body.contentType(), body.contentLength());
    return response.newBuilder().body(guarded).build();
  }

  /** Counts the bytes of each window and fails the read that ends a window short of them. */
  private static final class Guard extends ForwardingSource {
    private final long windowNanos;
    private long windowStart;
    private long windowBytes;

    Guard(ResponseBody body, long windowNanos) {
      super(body.source());
      this.windowNanos = windowNanos;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      if (windowStart == 0) {
        windowStart = System.nanoTime(); // the window opens when reading starts
      }
      long n = super.read(sink, byteCount);
      if (n < 0) {
        return n; // the body is complete, however slowly it came
      }
      windowBytes += n;
      long now = System.nanoTime();
      if (now - windowStart >= windowNanos) {
        if (windowBytes < MIN_BYTES) {
          throw new SocketTimeoutException(
              "the server sent "
                  + windowBytes
                  + " bytes in "
                  + (now - windowStart) / 1_000_000_000L
                  + " s, fewer than "
                  + MIN_BYTES
                  + " per --timeout; giving up on a transfer this slow");
        }
        windowStart = now;
        windowBytes = 0;
      }
      return n;
    }
  }
}
