package org.fafbulk.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.fafbulk.http.HttpClients;
import org.fafbulk.http.RetryPolicy;

/** WireMock on 127.0.0.1, and an HTTP client and retry policy quick enough to test against it. */
public final class LocalHttp {
  /** Three attempts 10 to 50 ms apart: retries happen without slowing the tests down. */
  public static final RetryPolicy FAST_RETRY =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));

  private LocalHttp() {}

  /**
   * A client with 2 s timeouts, so a test against a stalled server fails fast. A new one each call:
   * a test class keeps its own, so no pooled connection outlives the server it went to.
   */
  public static OkHttpClient client() {
    return HttpClients.create(4, Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  /** WireMock options for a free port on 127.0.0.1, never on an outside interface. */
  public static WireMockConfiguration wireMockOptions() {
    return wireMockConfig().dynamicPort().bindAddress("127.0.0.1");
  }

  /** A WireMock server for {@code @RegisterExtension}, with the given extensions. */
  public static WireMockExtension wireMock(Extension... extensions) {
    return WireMockExtension.newInstance()
        .options(wireMockOptions().extensions(extensions))
        .build();
  }

  /**
   * GETs of {@code path} (whatever their query) get {@code failure} {@code failures} times, then
   * {@code body} for good: a flaky server, as jbang's TestScriptRetry stubs one.
   */
  public static void stubFlakyEndpoint(
      WireMockExtension server,
      String path,
      int failures,
      ResponseDefinitionBuilder failure,
      ResponseDefinitionBuilder body) {
    String scenario = "flaky " + path;
    for (int failed = 0; failed < failures; failed++) {
      server.stubFor(
          get(urlPathEqualTo(path))
              .inScenario(scenario)
              .whenScenarioStateIs(failed == 0 ? Scenario.STARTED : "failed " + failed)
              .willReturn(failure)
              .willSetStateTo("failed " + (failed + 1)));
    }
    server.stubFor(
        get(urlPathEqualTo(path))
            .inScenario(scenario)
            .whenScenarioStateIs(failures == 0 ? Scenario.STARTED : "failed " + failures)
            .willReturn(body));
  }

  /** {@code path} on {@code server}, by address rather than as {@code localhost}. */
  public static HttpUrl url(WireMockExtension server, String path) {
    return HttpUrl.get("http://127.0.0.1:" + server.getPort() + path);
  }
}
