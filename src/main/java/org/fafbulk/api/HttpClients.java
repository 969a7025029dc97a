package org.fafbulk.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** Builds the one OkHttp client a run shares, sized to its concurrency. */
public final class HttpClients {
  public static final String USER_AGENT = "faf-bulk-downloader/" + Version.get();

  private HttpClients() {}

  /**
   * A client that keeps one idle connection per worker (OkHttp keeps only 5 by default, so more
   * workers would reconnect all the time), with timeouts so a stalled server cannot hang a run.
   */
  public static OkHttpClient create(
      int concurrency, Duration connectTimeout, Duration readTimeout) {
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(concurrency + 2, 5, TimeUnit.MINUTES))
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .writeTimeout(readTimeout)
        .followRedirects(false) // Redirects follows them, by a stricter rule
        .followSslRedirects(false)
        .addInterceptor(Redirects.anyHostNoDowngrade())
        .addNetworkInterceptor(new MinimumThroughput())
        .addNetworkInterceptor(
            chain ->
                chain.proceed(
                    chain.request().newBuilder().header("User-Agent", USER_AGENT).build()))
        .build();
  }

  /**
   * The most an API response may hold, on the wire and decompressed: a full page of 10,000 maps is
   * some 20 MB of JSON.
   */
  public static final long MAX_API_RESPONSE_BYTES = 64L * 1024 * 1024;

  /**
   * The same client (sharing its connections) for the API and its token server: requests carry a
   * secret, so it follows a redirect only within the request's origin; and responses are read into
   * memory, so they are capped at {@link #MAX_API_RESPONSE_BYTES}.
   */
  static OkHttpClient forApi(OkHttpClient client) {
    OkHttpClient.Builder builder = client.newBuilder();
    builder.interceptors().removeIf(Redirects.class::isInstance);
    builder.interceptors().add(0, Redirects.sameOrigin());
    builder.addInterceptor(ResponseLimit.decoded(MAX_API_RESPONSE_BYTES));
    builder.addNetworkInterceptor(ResponseLimit.wire(MAX_API_RESPONSE_BYTES));
    return builder.build();
  }
}
