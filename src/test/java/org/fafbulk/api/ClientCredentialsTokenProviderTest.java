package org.fafbulk.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapPages;
import org.fafbulk.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientCredentialsTokenProviderTest {
  @RegisterExtension static final WireMockExtension server = LocalHttp.wireMock();

  private static final OkHttpClient HTTP = LocalHttp.client();
  private static final String TOKEN_PATH = "/oauth2/token";
  private static final String CLIENT_ID = "faf-bulk-test";
  private static final String SECRET = "s3cr3t-do-not-print";

  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));

  private ClientCredentialsTokenProvider provider() {
    return provider(LocalHttp.url(server, TOKEN_PATH));
  }

  private ClientCredentialsTokenProvider provider(HttpUrl tokenUrl) {
    return new ClientCredentialsTokenProvider(
        HTTP, new ObjectMapper(), tokenUrl, CLIENT_ID, SECRET, "public_profile", clock);
  }

  private static String tokenJson(String token, long expiresIn) {
    return "{\"access_token\": \""
        + token
        + "\", \"expires_in\": "
        + expiresIn
        + ", \"token_type\": \"bearer\"}";
  }

  /** The token server hands out tok1, then tok2, then tok3. */
  private static void stubSuccessiveTokens() {
    for (int i = 1; i <= 3; i++) {
      server.stubFor(
          post(urlPathEqualTo(TOKEN_PATH))
              .inScenario("tokens")
              .whenScenarioStateIs(i == 1 ? Scenario.STARTED : "issued " + (i - 1))
              .willReturn(okJson(tokenJson("tok" + i, 3600)))
              .willSetStateTo("issued " + i));
    }
  }

  private static int tokenRequests() {
    return server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();
  }

  @Test
  void postsTheClientCredentialsGrantAsAForm() {
    server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(tokenJson("tok1", 3600))));

    assertThat(provider().token()).hasValue("tok1");

    server.verify(
        1,
        postRequestedFor(urlPathEqualTo(TOKEN_PATH))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withFormParam("grant_type", equalTo("client_credentials"))
            .withFormParam("client_id", equalTo(CLIENT_ID))
            .withFormParam("client_secret", equalTo(SECRET))
            .withFormParam("scope", equalTo("public_profile")));
  }

  @Test
  void reusesTheTokenUntilTheClockPassesExpiryLessTheMargin() {
    stubSuccessiveTokens();
    ClientCredentialsTokenProvider provider = provider();

    assertThat(provider.token()).hasValue("tok1");
    Duration renewAfter = Duration.ofHours(1).minus(ClientCredentialsTokenProvider.RENEW_MARGIN);
    clock.advance(renewAfter.minusSeconds(1));
    assertThat(provider.token()).hasValue("tok1");
    assertThat(tokenRequests()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(provider.token()).hasValue("tok2");
    assertThat(provider.token()).hasValue("tok2");
    assertThat(tokenRequests()).isEqualTo(2);
  }

  @Test
  void invalidateFetchesAFreshToken() {
    stubSuccessiveTokens();
    ClientCredentialsTokenProvider provider = provider();

    assertThat(provider.token()).hasValue("tok1");
    provider.invalidate();

    assertThat(provider.token()).hasValue("tok2");
    assertThat(tokenRequests()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403})
  void refusedCredentialsFailWithoutPrintingTheSecret(int status) {
    server.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withBody("{\"error\": \"invalid_client\", \"secret\": \"" + SECRET + "\"}")));

    FafException e = catchThrowableOfType(FafException.class, () -> provider().token());

    assertThat(e).isNotNull();
    assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
    assertThat(e.getMessage())
        .contains("HTTP " + status, "FAF_CLIENT_ID", "FAF_CLIENT_SECRET")
        .doesNotContain(SECRET);
  }

  @Test
  void serverErrorAndMissingTokenFailWithoutPrintingTheSecret() {
    server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(500)));
    FafException serverError = catchThrowableOfType(FafException.class, () -> provider().token());

    server.resetAll();
    server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("{\"expires_in\": 60}")));
    FafException noToken = catchThrowableOfType(FafException.class, () -> provider().token());

    assertThat(serverError.getMessage()).contains("HTTP 500").doesNotContain(SECRET);
    assertThat(noToken.getMessage()).contains("no access_token").doesNotContain(SECRET);
  }

  @Test
  void unreachableTokenServerFailsWithoutPrintingTheSecret() {
    // Port 1 on the loopback interface refuses connections.
    ClientCredentialsTokenProvider provider = provider(HttpUrl.get("http://127.0.0.1:1/token"));

    FafException e = catchThrowableOfType(FafException.class, provider::token);

    assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
    assertThat(e.getMessage()).contains("cannot reach").doesNotContain(SECRET);
  }

  @Test
  void toStringNamesTheClientButHidesTheSecret() {
    assertThat(provider().toString()).contains(CLIENT_ID).doesNotContain(SECRET);
    assertThat(TokenProvider.fixed(SECRET).toString()).doesNotContain(SECRET);
  }

  @Test
  void unauthorizedApiAnswerRenewsTheTokenOnceAndRetries() {
    stubSuccessiveTokens();
    server.stubFor(
        get(urlPathEqualTo("/data/map"))
            .withHeader("Authorization", equalTo("Bearer tok1"))
            .willReturn(aResponse().withStatus(401)));
    server.stubFor(
        get(urlPathEqualTo("/data/map"))
            .withHeader("Authorization", equalTo("Bearer tok2"))
            .willReturn(okJson(MapPages.page().map(1).json())));

    MapListing listing = apiClient(provider()).listMaps(MapFilter.ALL, OptionalLong.empty());

    assertThat(listing.next().id()).isEqualTo("1");
    assertThat(tokenRequests()).isEqualTo(2);
    server.verify(2, getRequestedFor(urlPathEqualTo("/data/map")));
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/data/map"))
            .withHeader("Authorization", equalTo("Bearer tok2")));
  }

  @Test
  void unauthorizedAfterRenewalFailsWithoutLooping() {
    stubSuccessiveTokens();
    server.stubFor(get(urlPathEqualTo("/data/map")).willReturn(aResponse().withStatus(401)));

    FafException e =
        catchThrowableOfType(
            FafException.class,
            () -> apiClient(provider()).listMaps(MapFilter.ALL, OptionalLong.empty()));

    assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
    assertThat(e.getMessage())
        .contains("refused the credentials", "FAF_CLIENT_ID")
        .doesNotContain(SECRET);
    server.verify(2, getRequestedFor(urlPathEqualTo("/data/map")));
    assertThat(tokenRequests()).isEqualTo(2);
  }

  private static FafApiClient apiClient(TokenProvider tokens) {
    return new FafApiClient(
        HTTP, new ObjectMapper(), LocalHttp.url(server, ""), tokens, LocalHttp.FAST_RETRY);
  }
}
