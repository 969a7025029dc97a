package org.fafbulk.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.EndlessCatalogue;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that pages for ever: full pages, a total of 10^12, and no map with a visible version.
 * The listing ends with one error instead of walking on, and a stop ends it between two pages.
 */
class EndlessPagingTest {
  @RegisterExtension
  static final WireMockExtension api = LocalHttp.wireMock(new EndlessCatalogue());

  @TempDir Path work;

  private final FafApiClient client =
      new FafApiClient(
          LocalHttp.client(),
          new ObjectMapper(),
          LocalHttp.url(api, ""),
          TokenProvider.none(),
          LocalHttp.FAST_RETRY);

  @BeforeEach
  void reset() {
    api.resetAll();
  }

  @Test
  void theSamePageOverAndOverEndsTheListingAtTheSecondPage() {
    MapPages page = MapPages.page().totalRecords(EndlessCatalogue.CLAIMED_TOTAL);
    for (int id = 1; id <= 5; id++) {
      page.mapWithoutVisibleVersion(id);
    }
    serveEveryPage(page);

    MapListing listing = client.listMaps(MapFilter.ALL, OptionalLong.of(5));
    FafException e = catchThrowableOfType(FafException.class, listing::hasNext);

    assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
    assertThat(e).hasMessageContaining("page 2 adds no map it had not sent already");
    assertThat(client.requestCount()).isEqualTo(2);
  }

  @Test
  void aPageOfMoreMapsThanAskedForEndsTheListingWithoutARetry() {
    MapPages page = MapPages.page().totalRecords(4);
    for (int id = 1; id <= 4; id++) {
      page.mapWithoutVisibleVersion(id);
    }
    serveEveryPage(page);

    FafException e =
        catchThrowableOfType(
            FafException.class, () -> client.listMaps(MapFilter.ALL, OptionalLong.of(3)));

    assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
    assertThat(e)
        .hasMessage(
            "the FAF API sent a page of more maps than the 3 asked for; it is misbehaving, or"
                + " --api-url points at something that is not the FAF API");
    assertThat(client.requestCount()).isEqualTo(1);
  }

  @Test
  void newMapsForEverEndTheListingAtThePageCap() {
    serveFreshHiddenMaps();

    MapListing listing = client.listMaps(MapFilter.ALL, OptionalLong.of(1));
    FafException e = catchThrowableOfType(FafException.class, listing::hasNext);

    assertThat(e).hasMessageContaining("more than the cap of " + MapListing.MAX_PAGES);
    assertThat(client.requestCount()).isEqualTo(MapListing.MAX_PAGES);
  }

  @Test
  void aStopRequestEndsTheListingBetweenTwoPages() {
    serveFreshHiddenMaps();
    AtomicBoolean stop = new AtomicBoolean();

    MapListing listing =
        client.listMaps(
            MapFilter.ALL,
            OptionalLong.of(5),
            () -> {
              if (client.requestCount() >= 3) {
                stop.set(true); // as a signal handler would, while the third page was read
              }
              return stop.get();
            });

    assertThat(listing.hasNext()).isFalse();
    assertThat(client.requestCount()).isEqualTo(3);
  }

  @Test
  void bulkDownloadExits3WithOneLine() {
    serveFreshHiddenMaps();

    CliRun run =
        CliRun.of(
            "bulk-download",
            "--output-dir",
            work.resolve("maps").toString(),
            "--api-url",
            api.baseUrl(),
            "--limit",
            "5",
            "--delay-ms",
            "0");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FATAL);
    assertThat(run.err()).contains("the FAF API keeps paging");
    assertThat(run.err().lines()).hasSize(1);
  }

  /** Answers every page request with {@code page}. */
  private static void serveEveryPage(MapPages page) {
    api.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/vnd.api+json")
                    .withBody(page.json())));
  }

  private static void serveFreshHiddenMaps() {
    api.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(aResponse().withTransformers(EndlessCatalogue.NAME)));
  }
}
