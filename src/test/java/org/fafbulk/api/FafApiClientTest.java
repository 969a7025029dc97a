package org.fafbulk.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.fafbulk.testing.LocalHttp.FAST_RETRY;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapPages;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FafApiClientTest {
  @RegisterExtension static final WireMockExtension api = LocalHttp.wireMock();

  private static final OkHttpClient HTTP = LocalHttp.client();
  private static final String HIDDEN_EXCLUDED = "latestVersion.hidden==\"false\"";

  private static FafApiClient client(TokenProvider tokens) {
    return new FafApiClient(HTTP, new ObjectMapper(), baseUrl(), tokens, FAST_RETRY);
  }

  private static HttpUrl baseUrl() {
    return LocalHttp.url(api, "");
  }

  private static List<FafMap> drain(MapListing listing) {
    List<FafMap> maps = new ArrayList<>();
    listing.forEachRemaining(maps::add);
    return maps;
  }

  private static List<String> ids(List<FafMap> maps) {
    return maps.stream().map(FafMap::id).toList();
  }

  private static void stubMaps(String json) {
    api.stubFor(get(urlPathEqualTo("/data/map")).willReturn(okJson(json)));
  }

  private static void stubPage(int number, String json) {
    api.stubFor(
        get(urlPathEqualTo("/data/map"))
            .withQueryParam("page[number]", equalTo(Integer.toString(number)))
            .willReturn(okJson(json)));
  }

  private static void stubFlakyEndpoint(
      String path,
      int failures,
      ResponseDefinitionBuilder failure,
      ResponseDefinitionBuilder body) {
    LocalHttp.stubFlakyEndpoint(api, path, failures, failure, body);
  }

  private static int mapRequests() {
    return api.findAll(getRequestedFor(urlPathEqualTo("/data/map"))).size();
  }

  @Nested
  class Paging {
    @Test
    void limitedListingMakesOneRequestForOnePageOfThatSize() {
      MapPages page = MapPages.page().totalRecords(500);
      for (int id = 1; id <= 10; id++) {
        page.map(id);
      }
      stubMaps(page.json());

      MapListing listing =
          client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.of(10));
      List<FafMap> maps = drain(listing);

      assertThat(ids(maps)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
      assertThat(listing.expected()).hasValue(10);
      api.verify(
          1,
          getRequestedFor(urlPathEqualTo("/data/map"))
              .withQueryParam("page[size]", equalTo("10"))
              .withQueryParam("page[number]", equalTo("1"))
              .withQueryParam("page[totals]", equalTo(""))
              .withQueryParam("sort", equalTo("id"))
              .withQueryParam("include", equalTo("latestVersion,author")));
      assertThat(mapRequests()).isEqualTo(1);
    }

    @Test
    void unlimitedListingFetchesTheNextPageOnlyWhenConsumedAndStopsAtTheLastPage() {
      // A full first page (10,000 entries, as many as the client asks for) of which only map 1
      // has a visible version; a short second page ends the listing.
      MapPages first = MapPages.page().totalRecords(10_001).map(1);
      for (int id = 2; id <= FafApiClient.MAX_PAGE_SIZE; id++) {
        first.mapWithoutVisibleVersion(id);
      }
      stubPage(1, first.json());
      stubPage(2, MapPages.page().map(10_001).json());

      MapListing listing =
          client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.empty());
      assertThat(mapRequests()).isEqualTo(1);
      assertThat(listing.expected()).hasValue(10_001);

      assertThat(listing.next().id()).isEqualTo("1");
      assertThat(mapRequests()).isEqualTo(1);

      assertThat(listing.hasNext()).isTrue();
      assertThat(mapRequests()).isEqualTo(2);
      api.verify(
          getRequestedFor(urlPathEqualTo("/data/map"))
              .withQueryParam("page[number]", equalTo("2"))
              .withQueryParam("page[size]", equalTo("10000"))
              .withoutQueryParam("page[totals]"));

      assertThat(listing.next().id()).isEqualTo("10001");
      assertThat(listing.hasNext()).isFalse();
      assertThat(mapRequests()).isEqualTo(2);
    }

    @Test
    void limitedListingSkipsMapsWithoutVisibleVersionAndStopsAtTheLimit() {
      stubPage(1, MapPages.page().totalRecords(6).map(1).mapWithoutVisibleVersion(2).json());
      stubPage(2, MapPages.page().map(3).map(4).json());
      stubPage(3, MapPages.page().map(5).map(6).json());

      List<FafMap> maps =
          drain(client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.of(2)));

      assertThat(ids(maps)).containsExactly("1", "3");
      assertThat(mapRequests()).isEqualTo(2);
    }

    @Test
    void listingStopsWhenThePagesCoverTheTotal() {
      stubPage(
          1,
          MapPages.page().totalRecords(4).map(1).map(2).mapWithoutVisibleVersion(3).map(4).json());

      List<FafMap> maps =
          drain(client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.of(4)));

      assertThat(ids(maps)).containsExactly("1", "2", "4");
      assertThat(mapRequests()).isEqualTo(1);
    }

    @Test
    void emptyListingHasNoMaps() {
      stubMaps(MapPages.page().totalRecords(0).json());

      MapListing listing =
          client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.empty());

      assertThat(listing.hasNext()).isFalse();
      assertThat(listing.expected()).hasValue(0);
      assertThat(mapRequests()).isEqualTo(1);
    }
  }

  @Nested
  class Parsing {
    @Test
    void parsesMapsWithTheirLatestVersionAndAuthor() {
      stubMaps(
          """
          {
            "data": [
              {"type": "map", "id": "1453",
               "attributes": {"displayName": "Theta Passage 5", "gamesPlayed": 12},
               "relationships": {
                 "author": {"data": {"type": "player", "id": "42"}},
                 "latestVersion": {"data": {"type": "mapVersion", "id": "2981"}}}},
              {"type": "map", "id": "1454",
               "attributes": {"displayName": "Orphan"},
               "relationships": {
                 "author": {"data": null},
                 "latestVersion": {"data": {"type": "mapVersion", "id": "2982"}}}}
            ],
            "included": [
              {"type": "mapVersion", "id": "2981",
               "attributes": {"version": 1, "folderName": "theta_passage_5.v0001",
                 "downloadUrl": "https://content.example/maps/theta_passage_5.v0001.zip",
                 "width": 256, "height": 256, "maxPlayers": 4, "ranked": true, "hidden": false,
                 "description": "Two bases", "createTime": "2015-09-09T10:56:00Z"}},
              {"type": "player", "id": "42", "attributes": {"login": "Jip"}},
              {"type": "mapVersion", "id": "2982",
               "attributes": {"version": 3, "folderName": "orphan.v0003",
                 "downloadUrl": "https://content.example/maps/orphan.v0003.zip",
                 "width": 1024, "height": 512, "maxPlayers": 8, "ranked": false, "hidden": true,
                 "description": null}}
            ],
            "meta": {"page": {"number": 1, "totalPages": 1, "totalRecords": 2}}
          }
          """);

      MapListing listing =
          client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.empty());
      List<FafMap> maps = drain(listing);

      assertThat(listing.expected()).hasValue(2);
      assertThat(maps)
          .containsExactly(
              new FafMap(
                  "1453",
                  "Theta Passage 5",
                  Optional.of("Jip"),
                  new MapVersion(
                      "2981",
                      1,
                      "theta_passage_5.v0001",
                      "https://content.example/maps/theta_passage_5.v0001.zip",
                      256,
                      256,
                      4,
                      true,
                      false)),
              new FafMap(
                  "1454",
                  "Orphan",
                  Optional.empty(),
                  new MapVersion(
                      "2982",
                      3,
                      "orphan.v0003",
                      "https://content.example/maps/orphan.v0003.zip",
                      1024,
                      512,
                      8,
                      false,
                      true)));
    }

    @Test
    void readsMembersInAnyOrderAndIgnoresOnesItDoesNotUse() {
      stubMaps(
          """
          {
            "jsonapi": {"version": "1.0"},
            "meta": {"page": {"totalRecords": 1}},
            "included": [
              {"type": "mapVersion", "id": "7",
               "attributes": {"folderName": "late.v0002", "downloadUrl": "https://c/late.zip",
                 "thumbnailUrlLarge": "https://c/late.png", "extra": {"nested": [1, 2, {"a": null}]}},
               "relationships": {"map": {"data": {"type": "map", "id": "3"}}}}
            ],
            "links": {"next": "https://api/next"},
            "data": [
              {"type": "map", "id": "3", "attributes": {"displayName": "Late"},
               "relationships": {"latestVersion": {"data": {"type": "mapVersion", "id": "7"}}}}
            ]
          }
          """);

      MapListing listing =
          client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.empty());
      List<FafMap> maps = drain(listing);

      assertThat(listing.expected()).hasValue(1);
      assertThat(maps)
          .extracting(FafMap::id, FafMap::displayName)
          .containsExactly(tuple("3", "Late"));
      assertThat(maps.get(0).latestVersion().folderName()).isEqualTo("late.v0002");
    }

    @Test
    void aNullWhereAResourceShouldBeIsSkippedAndTheRestOfThePageStillRead() {
      stubMaps(
          """
          {
            "data": [
              null,
              {"type": "map", "id": "3", "attributes": {"displayName": "After"},
               "relationships": {"latestVersion": {"data": {"type": "mapVersion", "id": "7"}}}}
            ],
            "included": [
              {"type": "mapVersion", "attributes": {"folderName": "no_id.v0001"}},
              {"type": "mapVersion", "id": "7",
               "attributes": {"folderName": "after.v0001", "downloadUrl": "https://c/after.zip"}}
            ],
            "meta": {"page": {"totalRecords": 2}}
          }
          """);

      MapListing listing =
          client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.empty());
      List<FafMap> maps = drain(listing);

      assertThat(listing.expected()).hasValue(2);
      assertThat(ids(maps)).containsExactly("3");
      assertThat(maps.get(0).latestVersion().folderName()).isEqualTo("after.v0001");
    }

    @Test
    void emptyBodyFailsAsNotADocument() {
      api.stubFor(
          get(urlPathEqualTo("/data/map"))
              .willReturn(
                  aResponse().withStatus(200).withHeader("Content-Type", "application/json")));

      FafException e =
          catchThrowableOfType(
              FafException.class,
              () -> client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.empty()));

      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("not a JSON:API document", "/data/map?");
    }

    @Test
    void findsAMapVersionByFolderName() {
      api.stubFor(
          get(urlPathEqualTo("/data/mapVersion"))
              .willReturn(
                  okJson(
                      """
                      {"data": [{"type": "mapVersion", "id": "7",
                          "attributes": {"version": 2, "folderName": "seton.v0002",
                            "downloadUrl": "https://content.example/maps/seton.v0002.zip"},
                          "relationships": {"map": {"data": {"type": "map", "id": "3"}}}}],
                       "included": [{"type": "map", "id": "3",
                          "attributes": {"displayName": "Seton's Clutch"},
                          "relationships": {"author": {"data": {"type": "player", "id": "9"}}}},
                         {"type": "player", "id": "9", "attributes": {"login": "Zock"}}]}
                      """)));

      Optional<FafMap> found = client(TokenProvider.none()).findByFolderName("seton.v0002");

      assertThat(found).isPresent();
      assertThat(found.get().id()).isEqualTo("3");
      assertThat(found.get().displayName()).isEqualTo("Seton's Clutch");
      assertThat(found.get().author()).hasValue("Zock");
      assertThat(found.get().latestVersion().folderName()).isEqualTo("seton.v0002");
      api.verify(
          getRequestedFor(urlPathEqualTo("/data/mapVersion"))
              .withQueryParam("filter", equalTo("folderName==\"seton.v0002\""))
              .withQueryParam("include", equalTo("map,map.author")));
    }

    @Test
    void findByIdIsEmptyWhenTheServerHasNoSuchMap() {
      stubMaps("{\"data\": []}");

      assertThat(client(TokenProvider.none()).findById("99")).isEmpty();
      api.verify(
          getRequestedFor(urlPathEqualTo("/data/map"))
              .withQueryParam("filter", equalTo("id==\"99\"")));
    }
  }

  @Nested
  class RsqlFilters {
    static Stream<Arguments> filters() {
      return Stream.of(
          Arguments.of(MapFilter.ALL, HIDDEN_EXCLUDED),
          Arguments.of(
              Filters.minSize(512),
              "latestVersion.width=ge=\"512\";latestVersion.height=ge=\"512\";" + HIDDEN_EXCLUDED),
          Arguments.of(
              Filters.maxSize(1024),
              "latestVersion.width=le=\"1024\";latestVersion.height=le=\"1024\";"
                  + HIDDEN_EXCLUDED),
          Arguments.of(Filters.players(8), "latestVersion.maxPlayers==\"8\";" + HIDDEN_EXCLUDED),
          Arguments.of(
              Filters.minPlayers(4), "latestVersion.maxPlayers=ge=\"4\";" + HIDDEN_EXCLUDED),
          Arguments.of(
              Filters.maxPlayers(6), "latestVersion.maxPlayers=le=\"6\";" + HIDDEN_EXCLUDED),
          Arguments.of(Filters.rankedOnly(), "latestVersion.ranked==\"true\";" + HIDDEN_EXCLUDED),
          Arguments.of(Filters.name("Seton"), "displayName==\"*Seton*\";" + HIDDEN_EXCLUDED),
          Arguments.of(
              Filters.name("Seton's \"Clutch\" \\ 2"),
              "displayName==\"*Seton's \\\"Clutch\\\" \\\\ 2*\";" + HIDDEN_EXCLUDED),
          Arguments.of(
              Filters.everything(),
              "latestVersion.width=ge=\"256\";latestVersion.height=ge=\"256\";"
                  + "latestVersion.width=le=\"1024\";latestVersion.height=le=\"1024\";"
                  + "latestVersion.maxPlayers=ge=\"2\";latestVersion.maxPlayers=le=\"8\";"
                  + "latestVersion.ranked==\"true\";displayName==\"*Seton*\""));
    }

    @ParameterizedTest
    @MethodSource("filters")
    void sendsEachFilterToTheServerAsRsql(MapFilter filter, String rsql) {
      stubMaps(MapPages.page().totalRecords(0).json());

      client(TokenProvider.none()).listMaps(filter, OptionalLong.of(5));

      api.verify(
          1, getRequestedFor(urlPathEqualTo("/data/map")).withQueryParam("filter", equalTo(rsql)));
    }

    @Test
    void includingHiddenMapsSendsNoFilterAtAll() {
      stubMaps(MapPages.page().totalRecords(0).json());

      client(TokenProvider.none()).listMaps(Filters.includeHidden(), OptionalLong.of(5));

      api.verify(1, getRequestedFor(urlPathEqualTo("/data/map")).withoutQueryParam("filter"));
    }
  }

  @Nested
  class Credentials {
    @Test
    void sendsAFixedTokenAsBearer() {
      stubMaps(MapPages.page().map(1).json());

      drain(client(TokenProvider.fixed("abc.def")).listMaps(MapFilter.ALL, OptionalLong.empty()));

      api.verify(
          getRequestedFor(urlPathEqualTo("/data/map"))
              .withHeader("Authorization", equalTo("Bearer abc.def"))
              .withHeader("Accept", equalTo("application/vnd.api+json")));
    }

    @Test
    void sendsNoAuthorizationWithoutCredentials() {
      stubMaps(MapPages.page().map(1).json());

      drain(client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.empty()));

      api.verify(getRequestedFor(urlPathEqualTo("/data/map")).withoutHeader("Authorization"));
    }

    @Test
    void forbiddenExplainsHowToGiveCredentials() {
      api.stubFor(get(urlPathEqualTo("/data/map")).willReturn(aResponse().withStatus(403)));

      FafException e = listingFailure(client(TokenProvider.fixed("abc.def")));

      assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
      assertThat(e.getMessage())
          .contains("HTTP 403", "FAF_API_TOKEN", "FAF_CLIENT_ID", "--url-file")
          .doesNotContain("abc.def");
      assertThat(mapRequests()).isEqualTo(1);
    }

    @Test
    void unauthorizedWithoutCredentialsExplainsHowToGiveThem() {
      api.stubFor(get(urlPathEqualTo("/data/map")).willReturn(aResponse().withStatus(401)));

      FafException e = listingFailure(client(TokenProvider.none()));

      assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
      assertThat(e.getMessage())
          .contains("HTTP 401", "FAF_API_TOKEN", "FAF_CLIENT_ID", "--url-file");
      assertThat(mapRequests()).isEqualTo(1);
    }

    @Test
    void unauthorizedFixedTokenIsTriedOnceMoreThenRefused() {
      api.stubFor(get(urlPathEqualTo("/data/map")).willReturn(aResponse().withStatus(401)));

      FafException e = listingFailure(client(TokenProvider.fixed("abc.def")));

      assertThat(e.getMessage()).contains("refused the credentials", "FAF_API_TOKEN");
      assertThat(mapRequests()).isEqualTo(2);
    }
  }

  @Nested
  class RetriesAndErrors {
    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
      stubFlakyEndpoint(
          "/data/map",
          1,
          aResponse().withStatus(429).withHeader("Retry-After", "1"),
          okJson(MapPages.page().map(1).json()));

      long start = System.nanoTime();
      List<FafMap> maps =
          drain(client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.empty()));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      assertThat(ids(maps)).containsExactly("1");
      assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(900));
      assertThat(mapRequests()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetriedUntilOneSucceeds(int status) {
      int failures = FAST_RETRY.maxAttempts() - 1;
      stubFlakyEndpoint(
          "/data/map",
          failures,
          aResponse().withStatus(status),
          okJson(MapPages.page().map(1).json()));

      List<FafMap> maps =
          drain(client(TokenProvider.none()).listMaps(MapFilter.ALL, OptionalLong.empty()));

      assertThat(ids(maps)).containsExactly("1");
      assertThat(mapRequests()).isEqualTo(failures + 1);
    }

    @Test
    void serverErrorEveryTimeFailsAfterMaxAttempts() {
      api.stubFor(get(urlPathEqualTo("/data/map")).willReturn(aResponse().withStatus(503)));

      FafException e = listingFailure(client(TokenProvider.none()));

      assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
      assertThat(e.getMessage()).contains("HTTP 503", "after 3 attempts", baseUrl().toString());
      assertThat(mapRequests()).isEqualTo(FAST_RETRY.maxAttempts());
    }

    @Test
    void connectionResetEveryTimeFailsAfterMaxAttempts() {
      api.stubFor(
          get(urlPathEqualTo("/data/map"))
              .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

      FafApiClient client = client(TokenProvider.none());
      FafException e = listingFailure(client);

      assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
      assertThat(e.getMessage())
          .contains("cannot reach the FAF API", "Connection reset", "gave up after 3 attempts");
      // OkHttp itself silently retries a reset connection, so the server may see more requests.
      assertThat(client.requestCount()).isEqualTo(FAST_RETRY.maxAttempts());
      assertThat(mapRequests()).isGreaterThanOrEqualTo(FAST_RETRY.maxAttempts());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404})
    void clientErrorIsNotRetried(int status) {
      api.stubFor(
          get(urlPathEqualTo("/data/map"))
              .willReturn(
                  aResponse()
                      .withStatus(status)
                      .withHeader("Content-Type", "application/vnd.api+json")
                      .withBody("{\"errors\": [{\"detail\": \"Invalid filter format\"}]}")));

      FafException e = listingFailure(client(TokenProvider.none()));

      assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
      assertThat(e.getMessage()).contains("HTTP " + status, "Invalid filter format", "/data/map");
      assertThat(mapRequests()).isEqualTo(1);
    }

    @Test
    void malformedJsonFailsNamingTheUrl() {
      stubMaps("{\"data\": [ {\"type\": ");

      FafException e = listingFailure(client(TokenProvider.none()));

      assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
      assertThat(e.getMessage()).contains("malformed JSON", baseUrl() + "data/map?");
      assertThat(mapRequests()).isEqualTo(1);
    }

    @Test
    void jsonThatIsNotADocumentFailsNamingTheUrl() {
      stubMaps("[1, 2, 3]");

      FafException e = listingFailure(client(TokenProvider.none()));

      assertThat(e.getMessage()).contains("not a JSON:API document", baseUrl() + "data/map?");
    }

    @Test
    void errorsDocumentFailsNamingTheUrlAndTheError() {
      stubMaps(
          "{\"errors\": [{\"title\": \"Bad\", \"detail\": \"Unknown attribute 'sizeX'\"},"
              + " {\"title\": \"Also bad\"}]}");

      FafException e = listingFailure(client(TokenProvider.none()));

      assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
      assertThat(e.getMessage())
          .contains(
              "reported an error", baseUrl() + "data/map?", "Unknown attribute 'sizeX'; Also bad");
    }
  }

  private static FafException listingFailure(FafApiClient client) {
    FafException e =
        catchThrowableOfType(
            FafException.class, () -> drain(client.listMaps(MapFilter.ALL, OptionalLong.empty())));
    assertThat(e).as("the listing should fail").isNotNull();
    return e;
  }
}
