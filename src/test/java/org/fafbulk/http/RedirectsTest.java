package org.fafbulk.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.fafbulk.FafException;
import org.fafbulk.api.ClientCredentialsTokenProvider;
import org.fafbulk.api.FafApiClient;
import org.fafbulk.api.MapFilter;
import org.fafbulk.api.TokenProvider;
import org.fafbulk.download.ArchiveFetcher;
import org.fafbulk.download.DownloadedArchive;
import org.fafbulk.download.DownloadedBytes;
import org.fafbulk.download.MapFailure;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.MapPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redirects a hostile server sends: the client secret and the bearer token never leave their
 * origin, and nothing is ever followed from https to http; archives may move to another host.
 */
class RedirectsTest {
  private static final String SECRET = "s3cr3t-must-stay-home";

  @RegisterExtension
  static final WireMockExtension origin =
      WireMockExtension.newInstance()
          .options(LocalHttp.wireMockOptions().dynamicHttpsPort())
          .build();

  @RegisterExtension static final WireMockExtension elsewhere = LocalHttp.wireMock();

  @TempDir Path dir;

  private final OkHttpClient http = trustingWireMocksCertificate(LocalHttp.client());

  @Test
  void theTokenRequestDoesNotFollowARedirectToAnotherPort() {
    for (int code : new int[] {307, 308}) {
      origin.resetAll();
      origin.stubFor(
          post("/oauth2/token")
              .willReturn(
                  aResponse().withStatus(code).withHeader("Location", elsewhereUrl("/steal"))));
      elsewhere.stubFor(any(anyUrl()).willReturn(okJson(token())));

      FafException e =
          catchThrowableOfType(FafException.class, () -> tokens("/oauth2/token").token());

      assertThat(e).hasMessageContaining("HTTP " + code).hasMessageContaining("refused");
      assertThat(e.getMessage()).doesNotContain(SECRET);
      assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }
  }

  @Test
  void theTokenRequestFollowsARedirectWithinItsOrigin() {
    origin.stubFor(
        post("/old/token")
            .willReturn(aResponse().withStatus(308).withHeader("Location", "/oauth2/token")));
    origin.stubFor(post("/oauth2/token").willReturn(okJson(token())));

    assertThat(tokens("/old/token").token()).hasValue("tok");
    origin.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/token")));
  }

  @Test
  void theBearerTokenDoesNotFollowARedirectToAnotherPort() {
    origin.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", elsewhereUrl("/data/map"))));
    elsewhere.stubFor(
        any(anyUrl()).willReturn(okJson(MapPages.page().totalRecords(1).map(1).json())));
    FafApiClient api =
        new FafApiClient(
            http,
            new ObjectMapper(),
            HttpUrl.get("http://127.0.0.1:" + origin.getPort()),
            TokenProvider.fixed(SECRET),
            LocalHttp.FAST_RETRY);

    FafException e =
        catchThrowableOfType(
            FafException.class, () -> api.listMaps(MapFilter.ALL, OptionalLong.of(1)));

    assertThat(e).hasMessageContaining("HTTP 302").hasMessageContaining("refused");
    assertThat(elsewhere.getAllServeEvents()).isEmpty();
  }

  @Test
  void anArchiveFollowsARedirectToAnotherHost() throws Exception {
    origin.stubFor(
        get("/maps/a.zip")
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", elsewhereUrl("/cdn/a.zip"))));
    byte[] zip = MapArchives.valid("a.v0001");
    elsewhere.stubFor(get("/cdn/a.zip").willReturn(aResponse().withBody(zip)));

    DownloadedArchive fetched =
        fetcher()
            .fetch(
                HttpUrl.get("http://127.0.0.1:" + origin.getPort() + "/maps/a.zip"), dir, n -> {});

    assertThat(DownloadedBytes.of(fetched)).isEqualTo(zip);
  }

  @Test
  void anArchiveNeverFollowsARedirectFromHttpsToHttp() throws Exception {
    origin.stubFor(
        get("/maps/a.zip")
            .willReturn(
                aResponse().withStatus(301).withHeader("Location", elsewhereUrl("/cdn/a.zip"))));
    elsewhere.stubFor(get("/cdn/a.zip").willReturn(aResponse().withBody(MapArchives.valid("a"))));
    HttpUrl https = HttpUrl.get("https://127.0.0.1:" + origin.getHttpsPort() + "/maps/a.zip");

    MapFailure failure =
        catchThrowableOfType(MapFailure.class, () -> fetcher().fetch(https, dir, n -> {}));

    assertThat(failure).hasMessageContaining("HTTP 301").hasMessageContaining("https to http");
    assertThat(failure.retryable()).isFalse();
    assertThat(elsewhere.getAllServeEvents()).isEmpty();
  }

  private ClientCredentialsTokenProvider tokens(String path) {
    return new ClientCredentialsTokenProvider(
        http,
        new ObjectMapper(),
        HttpUrl.get("http://127.0.0.1:" + origin.getPort() + path),
        "id",
        SECRET,
        "public_profile",
        Clock.systemUTC());
  }

  private ArchiveFetcher fetcher() {
    return new ArchiveFetcher(http, LocalHttp.FAST_RETRY, 1 << 20);
  }

  private static String elsewhereUrl(String path) {
    return "http://127.0.0.1:" + elsewhere.getPort() + path;
  }

  private static String token() {
    return "{\"access_token\":\"tok\",\"expires_in\":3600}";
  }

  /** The client, trusting WireMock's self-signed certificate (test only). */
  private static OkHttpClient trustingWireMocksCertificate(OkHttpClient client) {
    X509TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return client
          .newBuilder()
          .sslSocketFactory(tls.getSocketFactory(), trustAll)
          .hostnameVerifier((host, session) -> true)
          .build();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
