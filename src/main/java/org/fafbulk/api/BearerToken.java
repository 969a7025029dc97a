package org.fafbulk.api;

import java.io.IOException;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.fafbulk.http.Redirects;

/**
 * Puts the bearer token on requests to the API's origin and, when the API answers 401, renews it
 * once and sends the request again (OkHttp's Authenticate recipe), so that no retry loop has to
 * know about tokens. Only ever to the API's origin: a token never goes anywhere else.
 */
final class BearerToken implements Interceptor, Authenticator {
  private final TokenProvider tokens;
  private final HttpUrl origin;

  BearerToken(TokenProvider tokens, HttpUrl origin) {
    this.tokens = tokens;
    this.origin = origin;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!Redirects.sameOrigin(request.url(), origin)) {
      return chain.proceed(request);
    }
    return chain.proceed(withToken(request, tokens.token()));
  }

  /**
   * The request again with a fresh token, or null (OkHttp then returns the 401) when there are no
   * credentials or a renewed token was refused too.
   */
  @Override
  public Request authenticate(Route route, Response response) {
    Request refused = response.request();
    if (!tokens.hasCredentials()
        || renewedAlready(response)
        || !Redirects.sameOrigin(refused.url(), origin)) {
      return null;
    }
    tokens.invalidate();
    return withToken(refused, tokens.token());
  }

  /** Whether this call met a 401 before: OkHttp's own follow-ups (a 408 once) do not count. */
  private static boolean renewedAlready(Response response) {
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      if (prior.code() == 401) {
        return true;
      }
    }
    return false;
  }

  private static Request withToken(Request request, Optional<String> token) {
    return token.isEmpty()
        ? request
        : request.newBuilder().header("Authorization", "Bearer " + token.get()).build();
  }

  @Override
  public String toString() {
    return "bearer token from " + tokens; // the providers hide their secrets in toString
  }
}
