package org.fafbulk.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.fafbulk.Version;

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
   * The same client (sharing its connections) for requests that carry a secret: it follows a
   * redirect only within the request's origin.
   */
  public static OkHttpClient.Builder sameOriginOnly(OkHttpClient client) {
    OkHttpClient.Builder builder = client.newBuilder();
    builder.interceptors().removeIf(Redirects.class::isInstance);
    builder.interceptors().add(0, Redirects.sameOrigin());
    return builder;
  }
}
