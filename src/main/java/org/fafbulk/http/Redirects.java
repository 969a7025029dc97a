package org.fafbulk.http;

import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Follows HTTP redirects by a rule, in place of OkHttp's own (which follows https to http and any
 * host): never from https to http, and for requests that carry a secret never off their origin. A
 * refused redirect comes back as the redirect response itself, its reason saying why, so that
 * callers report it as the HTTP error it is.
 */
public final class Redirects implements Interceptor {
  private static final int MAX_FOLLOW_UPS = 20;

  private final boolean sameOriginOnly;

  private Redirects(boolean sameOriginOnly) {
    this.sameOriginOnly = sameOriginOnly;
  }

  /** For archives: any host, as mirrors and CDNs redirect, but never a downgrade to http. */
  public static Redirects anyHostNoDowngrade() {
    return new Redirects(false);
  }

  /**
   * For the API and the token endpoint: only within the origin (scheme, host, port), since the
   * request carries a bearer token or the client secret.
   */
  public static Redirects sameOrigin() {
    return new Redirects(true);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    for (int followUps = 0; isRedirect(response.code()); followUps++) {
      String location = response.header("Location");
      HttpUrl target = location == null ? null : request.url().resolve(location);
      if (target == null) {
        return response; // no Location, or not http(s): the caller reports the 3xx
      }
      Optional<String> refusal = refusal(request.url(), target);
      if (refusal.isEmpty() && followUps >= MAX_FOLLOW_UPS) {
        refusal = Optional.of("too many redirects");
      }
      if (refusal.isPresent()) {
        return response
            .newBuilder()
            .message("redirect to " + target + " refused: " + refusal.get())
            .build();
      }
      response.close();
      request = followUp(request, response.code(), target);
      response = chain.proceed(request);
    }
    return response;
  }

  private Optional<String> refusal(HttpUrl from, HttpUrl to) {
    if (from.isHttps() && !to.isHttps()) {
      return Optional.of("https to http");
    }
    if (sameOriginOnly && !sameOrigin(from, to)) {
      return Optional.of(
          "off the origin " + from.scheme() + "://" + from.host() + ":" + from.port());
    }
    return Optional.empty();
  }

  /** Whether two URLs share scheme, host and port. */
  public static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  private static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /**
   * The request to send to {@code target}: 307 and 308 repeat the method and body, the others
   * become a GET, as browsers and OkHttp do; credentials never go to another origin.
   */
  private static Request followUp(Request request, int code, HttpUrl target) {
    Request.Builder next = request.newBuilder().url(target);
    boolean keepMethod =
        code == 307
            || code == 308
            || request.method().equals("GET")
            || request.method().equals("HEAD");
    if (!keepMethod) {
      next.method("GET", null);
      next.removeHeader("Content-Type")
          .removeHeader("Content-Length")
          .removeHeader("Transfer-Encoding");
    }
    if (!sameOrigin(request.url(), target)) {
      next.removeHeader("Authorization").removeHeader("Cookie");
    }
    return next.build();
  }
}
