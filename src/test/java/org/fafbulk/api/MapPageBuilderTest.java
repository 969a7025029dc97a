package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fafbulk.FafException;
import org.fafbulk.IdSet;
import org.junit.jupiter.api.Test;

class MapPageBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The builder every case reads with; {@link SpooledMapPageBuilderTest} keeps pages in a file. */
  MapPageBuilder builder() {
    return new MapPageBuilder();
  }

  /** Reads as {@link FafApiClient} does: a document not read whole is discarded. */
  JsonApi.MapPage read(String json) throws IOException {
    MapPageBuilder builder = builder();
    boolean read = false;
    try (JsonParser parser = JSON.createParser(json)) {
      JsonApi.MapPage page = builder.result(JsonApi.read(parser, builder).meta());
      read = true;
      return page;
    } finally {
      if (!read) {
        builder.discard();
      }
    }
  }

  static List<FafMap> drain(JsonApi.MapPage page) {
    List<FafMap> maps = new ArrayList<>();
    while (!page.maps().isEmpty()) {
      maps.add(page.maps().removeFirst());
    }
    return maps;
  }

  static ObjectNode map(String id, String name, String versionId, String authorId) {
    ObjectNode map = JSON.createObjectNode().put("type", "map").put("id", id);
    map.putObject("attributes").put("displayName", name);
    ObjectNode relationships = map.putObject("relationships");
    relationships.putObject("latestVersion").putObject("data").put("id", versionId);
    relationships.putObject("author").putObject("data").put("id", authorId);
    return map;
  }

  static ObjectNode version(String id, String folder) {
    ObjectNode version = JSON.createObjectNode().put("type", "mapVersion").put("id", id);
    version
        .putObject("attributes")
        .put("version", 2)
        .put("folderName", folder)
        .put("downloadUrl", "https://c/" + folder + ".zip")
        .put("width", 512)
        .put("height", 1024)
        .put("maxPlayers", 6)
        .put("ranked", true);
    return version;
  }

  static ObjectNode player(String id, String login) {
    ObjectNode player = JSON.createObjectNode().put("type", "player").put("id", id);
    player.putObject("attributes").put("login", login);
    return player;
  }

  static FafMap expected(String id, String name, String author, String versionId, String folder) {
    return new FafMap(
        id,
        name,
        Optional.ofNullable(author),
        new MapVersion(
            versionId, 2, folder, "https://c/" + folder + ".zip", 512, 1024, 6, true, false));
  }

  /** A document with these members, in this order, a member given twice included twice. */
  static String document(Object... members) {
    StringBuilder doc = new StringBuilder("{");
    for (int i = 0; i < members.length; i += 2) {
      doc.append(i == 0 ? "" : ",").append('"').append(members[i]).append("\":");
      doc.append(members[i + 1]);
    }
    return doc.append('}').toString();
  }

  static ArrayNode array(ObjectNode... resources) {
    ArrayNode array = JSON.createArrayNode();
    for (ObjectNode resource : resources) {
      array.add(resource);
    }
    return array;
  }

  @Test
  void joinsEachMapToItsVersionAndAuthorWhenIncludedComesFirst() throws IOException {
    String json =
        document(
            "included",
            array(
                version("20", "second.v0002"),
                player("7", "Seven"),
                version("10", "first.v0002"),
                player("8", "Eight")),
            "data",
            array(map("2", "Second", "20", "8"), map("1", "First", "10", "7")));

    assertThat(drain(read(json)))
        .containsExactly(
            expected("2", "Second", "Eight", "20", "second.v0002"),
            expected("1", "First", "Seven", "10", "first.v0002"));
  }

  @Test
  void givesAVersionThatTwoMapsNameToBothInEitherOrder() throws IOException {
    ArrayNode data = array(map("1", "One", "10", "7"), map("2", "Two", "10", "7"));
    ArrayNode included = array(version("10", "shared.v0002"), player("7", "Seven"));

    for (String json :
        List.of(
            document("data", data, "included", included),
            document("included", included, "data", data))) {
      assertThat(drain(read(json)))
          .containsExactly(
              expected("1", "One", "Seven", "10", "shared.v0002"),
              expected("2", "Two", "Seven", "10", "shared.v0002"));
    }
  }

  @Test
  void skipsAMapWhoseVersionIsMissingButCountsItsId() throws IOException {
    JsonApi.MapPage page =
        read(
            document(
                "data",
                array(
                    map("1", "Shown", "10", "7"),
                    map("2", "Hidden", "20", "7"),
                    map("3", "Shown too", "30", "9")),
                "included",
                array(version("10", "one.v0002"), version("30", "three.v0002"))));

    assertThat(page.rawCount()).isEqualTo(3);
    IdSet seen = new IdSet();
    assertThat(page.ids().addTo(seen)).isEqualTo(3);
    assertThat(seen.contains("2")).isTrue();
    assertThat(drain(page))
        .containsExactly(
            expected("1", "Shown", null, "10", "one.v0002"),
            expected("3", "Shown too", null, "30", "three.v0002"));
  }

  @Test
  void keepsIdsThatAreNotCanonicalNumbersApartFromTheNumbersTheyLookLike() throws IOException {
    String long19 = "1234567890123456789"; // one digit more than a long id may have
    JsonApi.MapPage page =
        read(
            document(
                "data",
                array(
                    map("007", "Leading zero", "07", "p1"),
                    map("7", "Seven", "7", "01"),
                    map("v1", "Letters", long19, "1"),
                    map(" 8", "Space", "-8", "")),
                "included",
                array(
                    version("7", "seven.v0002"),
                    version("07", "zero_seven.v0002"),
                    version(long19, "long.v0002"),
                    version("-8", "minus.v0002"),
                    player("p1", "Letters"),
                    player("1", "One"),
                    player("01", "Zero one"))));

    assertThat(drain(page))
        .containsExactly(
            expected("007", "Leading zero", "Letters", "07", "zero_seven.v0002"),
            expected("7", "Seven", "Zero one", "7", "seven.v0002"),
            expected("v1", "Letters", "One", long19, "long.v0002"),
            expected(" 8", "Space", null, "-8", "minus.v0002"));
    IdSet seen = new IdSet();
    assertThat(page.ids().addTo(seen)).isEqualTo(4);
    assertThat(seen.contains("007")).isTrue();
    assertThat(seen.contains("7")).isTrue();
    assertThat(seen.contains(" 8")).isTrue();
  }

  @Test
  void givesBackOddStringsCharForChar() throws IOException {
    String name = "\u0000 é ß € 𝄞 \ud800 x\udfff \u07ff\u0800\uffff" + "n".repeat(10_000);
    String folder = "fold\u0000er\udbff";
    String login = "\ud83d\ude00 \u001b[31mred";
    String json =
        document(
            "data",
            array(map("1", name, "10", "7")),
            "included",
            array(version("10", folder), player("7", login)));

    assertThat(drain(read(json))).containsExactly(expected("1", name, login, "10", folder));
  }

  @Test
  void theLastResourceWithAnIdWinsWhereverTheMapIs() throws IOException {
    String json =
        document(
            "included",
            array(version("10", "early.v0001"), player("7", "Early")),
            "data",
            array(map("1", "One", "10", "7")),
            "included",
            array(version("10", "late.v0002"), player("7", "Late")));

    assertThat(drain(read(json))).containsExactly(expected("1", "One", "Late", "10", "late.v0002"));
  }

  @Test
  void countsEveryDataElementButListsOnlyMaps() throws IOException {
    String json =
        """
        {"data": [null, 3, "x", [1], {"type": "tank", "id": "5"},
                  {"type": "player", "id": "7", "attributes": {"login": "Seven"}},
                  {"type": "mapVersion", "id": "10",
                   "attributes": {"folderName": "in_data.v0001", "downloadUrl": "u"}},
                  {"type": "map", "id": "1",
                   "relationships": {"latestVersion": {"data": {"id": "10"}},
                                     "author": {"data": {"id": "7"}}}}],
         "meta": {"page": {"totalRecords": 123}}}
        """;

    JsonApi.MapPage page = read(json);

    assertThat(page.rawCount()).isEqualTo(8);
    assertThat(page.ids().size()).isEqualTo(1);
    assertThat(page.totalRecords()).hasValue(123);
    // a version (and a player) in data serves a map as an included one would; no display name
    // falls back to the folder name
    assertThat(drain(page))
        .containsExactly(
            new FafMap(
                "1",
                "in_data.v0001",
                Optional.of("Seven"),
                new MapVersion("10", 0, "in_data.v0001", "u", 0, 0, 0, false, false)));
  }

  @Test
  void aSingleResourceAsDataIsAPageOfOne() throws IOException {
    String json =
        "{\"data\": "
            + map("1", "Only", "10", "7")
            + ", \"included\": "
            + array(version("10", "only.v0002"))
            + "}";

    JsonApi.MapPage page = read(json);

    assertThat(page.rawCount()).isEqualTo(1);
    assertThat(page.totalRecords()).isEmpty();
    assertThat(drain(page)).containsExactly(expected("1", "Only", null, "10", "only.v0002"));
  }

  @Test
  void aMapWithoutAnIdInDataIsAnError() {
    String json =
        "{\"data\": [{\"type\": \"map\", \"attributes\": {\"displayName\": \"Nameless\"}}]}";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(FafException.class)
        .hasMessageContaining("a resource without id");
  }
}
