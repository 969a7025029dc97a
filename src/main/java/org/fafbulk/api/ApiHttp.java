package org.fafbulk.api;

import okhttp3.OkHttpClient;
import org.fafbulk.http.HttpClients;

/** Narrows the shared HTTP client for the API and its token server. */
final class ApiHttp {
  /**
   * The most an API response may hold, on the wire and decompressed: a full page of 10,000 maps is
   * some 20 MB of JSON.
   */
  static final long MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

  private ApiHttp() {}

  /**
   * The same client (sharing its connections) for the API and its token server: requests carry a
   * secret, so it follows a redirect only within the request's origin; and responses are read into
   * memory, so they are capped at {@link #MAX_RESPONSE_BYTES}.
   */
  static OkHttpClient.Builder builder(OkHttpClient client) {
    return HttpClients.sameOriginOnly(client)
        .addInterceptor(ResponseLimit.decoded(MAX_RESPONSE_BYTES))
        .addNetworkInterceptor(ResponseLimit.wire(MAX_RESPONSE_BYTES));
  }
}
