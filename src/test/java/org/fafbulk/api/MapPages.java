package org.fafbulk.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Builds FAF JSON:API pages of maps, shaped as {@code /data/map?include=latestVersion,author}. */
final class MapPages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode doc = JSON.createObjectNode();
  private final ArrayNode data = doc.putArray("data");
  private final ArrayNode included = doc.putArray("included");

  static MapPages page() {
    return new MapPages();
  }

  /** A map {@code id} whose latest version {@code v<id>} and author {@code p<id>} are included. */
  MapPages map(int id) {
    data.add(mapResource(id));
    ObjectNode version = included.addObject().put("type", "mapVersion").put("id", "v" + id);
    version
        .putObject("attributes")
        .put("version", 1)
        .put("folderName", folderName(id))
        .put("downloadUrl", "http://127.0.0.1:1/maps/" + folderName(id) + ".zip")
        .put("width", 512)
        .put("height", 512)
        .put("maxPlayers", 4)
        .put("ranked", true)
        .put("hidden", false);
    ObjectNode player = included.addObject().put("type", "player").put("id", "p" + id);
    player.putObject("attributes").put("login", "author" + id);
    return this;
  }

  /** A map whose latest version the server left out (hidden), which the client must skip. */
  MapPages mapWithoutVisibleVersion(int id) {
    data.add(mapResource(id));
    return this;
  }

  MapPages totalRecords(long total) {
    doc.putObject("meta").putObject("page").put("totalRecords", total);
    return this;
  }

  String json() {
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String folderName(int id) {
    return "map_" + id + ".v0001";
  }

  private static ObjectNode mapResource(int id) {
    ObjectNode map = JSON.createObjectNode().put("type", "map").put("id", Integer.toString(id));
    map.putObject("attributes").put("displayName", "Map " + id);
    ObjectNode relationships = map.putObject("relationships");
    relationships
        .putObject("latestVersion")
        .putObject("data")
        .put("type", "mapVersion")
        .put("id", "v" + id);
    relationships.putObject("author").putObject("data").put("type", "player").put("id", "p" + id);
    return map;
  }
}
