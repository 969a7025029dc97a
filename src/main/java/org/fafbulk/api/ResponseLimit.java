package org.fafbulk.api;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Caps the bytes of an API response: as a network interceptor, what came over the wire; as an
 * application interceptor, what OkHttp's transparent gzip made of it, since 634 KB of gzip can
 * inflate to 600 MB of JSON.
 */
final class ResponseLimit implements Interceptor {
  /** A response that went past its cap: not worth retrying, the server sends the same again. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  private final long maxBytes;
  private final String what;

  private ResponseLimit(long maxBytes, String what) {
    this.maxBytes = maxBytes;
    this.what = what;
  }

  static ResponseLimit wire(long maxBytes) {
    return new ResponseLimit(maxBytes, "over the wire");
  }

  static ResponseLimit decoded(long maxBytes) {
    return new ResponseLimit(maxBytes, "once decompressed");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (body.contentLength() > maxBytes) {
      response.close();
      throw tooLarge();
    }
    ForwardingSource counted =
        new ForwardingSource(body.source()) {
          private long total;

          @Override
          public long read(Buffer sink, long byteCount) throws IOException {
            long n = super.read(sink, byteCount);
            if (n > 0 && (total += n) > maxBytes) {
              throw tooLarge();
            }
            return n;
          }
        };
    return response
        .newBuilder()
        .body(ResponseBody.create(Okio.buffer(counted), body.contentType(), body.contentLength()))
        .build();
  }

  private TooLarge tooLarge() {
    return new TooLarge("the response is larger than " + maxBytes + " bytes " + what);
  }
}
