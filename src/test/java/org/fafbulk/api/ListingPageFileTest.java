package org.fafbulk.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.fafbulk.FafException;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapPages;
import org.fafbulk.testing.RawHttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listing with a page directory keeps each page after the first in a scratch file there while it
 * is consumed, and leaves none behind: not when the limit falls halfway through a page, not when it
 * is closed early, not when a page is read twice or ends the listing with an error. With {@code
 * limit 4} a page holds four maps; page one shows only map 1, so the listing goes on to page two.
 */
class ListingPageFileTest {
  @RegisterExtension static final WireMockExtension api = LocalHttp.wireMock();

  @TempDir Path dir;

  private static final String FIRST_PAGE =
      MapPages.page()
          .totalRecords(8)
          .map(1)
          .mapWithoutVisibleVersion(2)
          .mapWithoutVisibleVersion(3)
          .mapWithoutVisibleVersion(4)
          .json();
  private static final String SECOND_PAGE = MapPages.page().map(5).map(6).map(7).map(8).json();

  @BeforeEach
  void reset() {
    api.resetAll();
  }

  private static FafApiClient client(HttpUrl url) {
    return new FafApiClient(
        LocalHttp.client(), new ObjectMapper(), url, TokenProvider.none(), LocalHttp.FAST_RETRY);
  }

  private MapListing listing(HttpUrl url) {
    return client(url).listMaps(MapFilter.ALL, OptionalLong.of(4), () -> false, Optional.of(dir));
  }

  private static void stubPage(int number, String json) {
    api.stubFor(
        get(urlPathEqualTo("/data/map"))
            .withQueryParam("page[number]", equalTo(Integer.toString(number)))
            .willReturn(okJson(json)));
  }

  private List<Path> pageFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(".faf-tmp-page")).toList();
    }
  }

  @Test
  void theSecondPageWaitsInAFileThatTheLimitDeletesHalfwayThroughIt() throws IOException {
    stubPage(1, FIRST_PAGE);
    stubPage(2, SECOND_PAGE);
    MapListing listing = listing(LocalHttp.url(api, ""));

    assertThat(listing.next().id()).isEqualTo("1");
    assertThat(pageFiles()).as("page one is kept on the heap").isEmpty();
    assertThat(listing.next().id()).isEqualTo("5");
    assertThat(pageFiles()).hasSize(1);
    assertThat(listing.next().id()).isEqualTo("6");
    assertThat(listing.next().id()).isEqualTo("7");
    assertThat(pageFiles()).hasSize(1);

    assertThat(listing.hasNext()).isFalse(); // the limit: map 8 is not wanted
    assertThat(pageFiles()).isEmpty();
  }

  @Test
  void closingTheListingHalfwayThroughAPageDeletesItsFile() throws IOException {
    stubPage(1, FIRST_PAGE);
    stubPage(2, SECOND_PAGE);
    MapListing listing = listing(LocalHttp.url(api, ""));
    listing.next();
    listing.next();
    assertThat(pageFiles()).hasSize(1);

    listing.close();

    assertThat(pageFiles()).isEmpty();
    assertThat(listing.hasNext()).isFalse();
  }

  @Test
  void aSecondPageThatEndsTheListingWithAnErrorLeavesNoFile() throws IOException {
    stubPage(1, FIRST_PAGE);
    stubPage(2, FIRST_PAGE); // the same maps again: the server pages for ever
    MapListing listing = listing(LocalHttp.url(api, ""));
    listing.next();

    FafException e = catchThrowableOfType(FafException.class, listing::hasNext);

    assertThat(e).hasMessageContaining("page 2 adds no map it had not sent already");
    assertThat(pageFiles()).isEmpty();
  }

  @Test
  void aSecondPageCutOffAndReadAgainLeavesOneFileThenNone() throws Exception {
    byte[] second = SECOND_PAGE.getBytes(StandardCharsets.UTF_8);
    int cut = SECOND_PAGE.indexOf("\"included\""); // its maps written to the file, then EOF
    AtomicInteger answers = new AtomicInteger();
    RawHttpServer.Script script =
        out -> {
          int answer = answers.getAndIncrement();
          byte[] body = answer == 0 ? FIRST_PAGE.getBytes(StandardCharsets.UTF_8) : second;
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.api+json\r\nContent-Length: "
                      + body.length
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
          out.write(body, 0, answer == 1 ? cut : body.length);
          out.flush();
        };

    try (RawHttpServer server = new RawHttpServer(script)) {
      MapListing listing = listing(HttpUrl.get(server.url("/")));
      List<String> ids = new ArrayList<>();
      ids.add(listing.next().id());
      ids.add(listing.next().id());

      assertThat(server.requests()).isEqualTo(3);
      assertThat(pageFiles()).as("the broken read's file is gone").hasSize(1);
      listing.forEachRemaining(map -> ids.add(map.id()));
      assertThat(ids).containsExactly("1", "5", "6", "7");
      assertThat(pageFiles()).isEmpty();
    }
  }

  @Test
  void aPageDirectoryThatIsGoneEndsTheListingWithOneLineNamingIt() throws IOException {
    stubPage(1, FIRST_PAGE);
    stubPage(2, SECOND_PAGE);
    Path gone = dir.resolve("gone");
    Files.createDirectory(gone);
    MapListing listing =
        client(LocalHttp.url(api, ""))
            .listMaps(MapFilter.ALL, OptionalLong.of(4), () -> false, Optional.of(gone));
    listing.next();
    Files.delete(gone);

    FafException e = catchThrowableOfType(FafException.class, listing::hasNext);

    assertThat(e.getMessage())
        .startsWith("cannot create the scratch file of a listed page in " + gone + " (")
        .doesNotContain("\n");
  }
}
