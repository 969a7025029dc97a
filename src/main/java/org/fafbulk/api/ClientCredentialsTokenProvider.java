package org.fafbulk.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.fafbulk.FafException;

/**
 * Gets an access token with the OAuth2 client-credentials grant (FAF's Hydra) and reuses it until
 * shortly before it expires. The secret is never printed: not in messages, not in toString.
 */
public final class ClientCredentialsTokenProvider implements TokenProvider {
  /** Renew this long before the server's expiry, so that no request carries a dying token. */
  static final Duration RENEW_MARGIN = Duration.ofSeconds(60);

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private final Clock clock;

  private String cached;
  private Instant renewAt = Instant.MIN;

  public ClientCredentialsTokenProvider(
      OkHttpClient http,
      ObjectMapper json,
      HttpUrl tokenUrl,
      String clientId,
      String clientSecret,
      String scope,
      Clock clock) {
    this.http = ApiHttp.builder(http).build(); // the secret never follows a redirect elsewhere
    this.json = json;
    this.tokenUrl = tokenUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scope = scope;
    this.clock = clock;
  }

  @Override
  public synchronized Optional<String> token() {
    if (cached == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return Optional.of(cached);
  }

  @Override
  public synchronized void invalidate() {
    cached = null;
  }

  @Override
  public boolean hasCredentials() {
    return true;
  }

  private void fetch() {
    try (Response response = http.newCall(tokenRequest()).execute()) {
      checkStatus(response);
      remember(json.readTree(response.body().byteStream()));
    } catch (IOException e) {
      throw FafException.fatal(
          "cannot reach FAF's token server " + tokenUrl + ": " + e.getMessage(), e);
    }
  }

  private Request tokenRequest() {
    FormBody form =
        new FormBody.Builder()
            .add("grant_type", "client_credentials")
            .add("client_id", clientId)
            .add("client_secret", clientSecret)
            .add("scope", scope)
            .build();
    return new Request.Builder().url(tokenUrl).post(form).build();
  }

  private void checkStatus(Response response) {
    if (response.code() == 400 || response.code() == 401 || response.code() == 403) {
      throw FafException.fatal(
          "FAF's token server refused the client credentials (HTTP "
              + response.code()
              + " from "
              + tokenUrl
              + "): check the client id and secret (--client-id/--client-secret, FAF_CLIENT_ID/"
              + "FAF_CLIENT_SECRET or the credentials file)");
    }
    if (!response.isSuccessful()) {
      throw FafException.fatal(
          "cannot get a token from "
              + tokenUrl
              + ": HTTP "
              + response.code()
              + (response.isRedirect() ? " (" + response.message() + ")" : ""));
    }
  }

  /** Keeps the token until a little before it expires: a tenth of its life, at most a minute. */
  private void remember(JsonNode body) {
    String token = body.path("access_token").asText("");
    if (token.isEmpty()) {
      throw FafException.fatal("the token response from " + tokenUrl + " has no access_token");
    }
    long expiresIn = body.path("expires_in").asLong(3600);
    Duration margin =
        Duration.ofSeconds(Math.min(RENEW_MARGIN.toSeconds(), Math.max(0, expiresIn / 10)));
    cached = token;
    renewAt = clock.instant().plusSeconds(expiresIn).minus(margin);
  }

  @Override
  public String toString() {
    return "client credentials for " + clientId + " (secret hidden)";
  }
}
