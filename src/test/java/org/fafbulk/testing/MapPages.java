package org.fafbulk.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * Builds FAF JSON:API pages of maps, shaped as {@code /data/map?include=latestVersion,author}: each
 * map a 10 km, 8-player ranked map with its latest version {@code v<id>} and its author {@code
 * p<id>} included.
 */
public final class MapPages {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where {@link #map(int)} says the archives are: a port nothing listens on. */
  private static final String NO_SERVER = "http://127.0.0.1:1";

  private final ObjectNode doc = JSON.createObjectNode();
  private final ArrayNode data = doc.putArray("data");
  private final ArrayNode included = doc.putArray("included");

  private MapPages() {}

  public static MapPages page() {
    return new MapPages();
  }

  /** Map {@code id} as {@link VaultMap#numbered}, its archive on no server. */
  public MapPages map(int id) {
    return map(VaultMap.numbered(id, NO_SERVER));
  }

  public MapPages map(VaultMap map) {
    data.add(mapResource(map));
    ObjectNode version = included.addObject().put("type", "mapVersion").put("id", "v" + map.id());
    version
        .putObject("attributes")
        .put("version", 1)
        .put("folderName", map.folder())
        .put("downloadUrl", map.downloadUrl())
        .put("width", 512)
        .put("height", 512)
        .put("maxPlayers", 8)
        .put("ranked", true)
        .put("hidden", false);
    ObjectNode player = included.addObject().put("type", "player").put("id", "p" + map.id());
    player.putObject("attributes").put("login", "author" + map.id());
    return this;
  }

  /** A map whose latest version the server left out (hidden), which the client must skip. */
  public MapPages mapWithoutVisibleVersion(int id) {
    data.add(mapResource(VaultMap.numbered(id, NO_SERVER)));
    return this;
  }

  public MapPages totalRecords(long total) {
    doc.putObject("meta").putObject("page").put("totalRecords", total);
    return this;
  }

  /** The paging meta Elide writes: this page's number and size, and the totals. */
  public MapPages paging(int number, int size, long total) {
    doc.putObject("meta")
        .putObject("page")
        .put("number", number)
        .put("limit", size)
        .put("totalPages", (total + size - 1) / size)
        .put("totalRecords", total);
    return this;
  }

  public String json() {
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode mapResource(VaultMap map) {
    ObjectNode resource = JSON.createObjectNode().put("type", "map").put("id", map.id());
    resource.putObject("attributes").put("displayName", map.displayName());
    ObjectNode relationships = resource.putObject("relationships");
    relationships
        .putObject("latestVersion")
        .putObject("data")
        .put("type", "mapVersion")
        .put("id", "v" + map.id());
    relationships
        .putObject("author")
        .putObject("data")
        .put("type", "player")
        .put("id", "p" + map.id());
    return resource;
  }
}
