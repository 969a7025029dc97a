package org.fafbulk.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.fafbulk.FafException;

/** Reads FAF's JSON:API documents ({@code data}, {@code included}, {@code meta.page}). */
final class JsonApi {
  private JsonApi() {}

  /** One page of maps, and the totals when the request asked for them. */
  record MapPage(List<FafMap> maps, OptionalLong totalRecords, int rawCount) {}

  static MapPage mapsWithLatestVersion(JsonNode doc) {
    Map<String, JsonNode> included = included(doc);
    List<FafMap> maps = new ArrayList<>();
    JsonNode data = doc.path("data");
    for (JsonNode map : data) {
      String versionId =
          map.path("relationships").path("latestVersion").path("data").path("id").asText("");
      JsonNode version = included.get("mapVersion:" + versionId);
      if (version == null) {
        continue; // a map without a visible latest version has nothing to download
      }
      maps.add(toMap(map, version, included));
    }
    JsonNode total = doc.path("meta").path("page").path("totalRecords");
    return new MapPage(
        maps,
        total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty(),
        data.size());
  }

  static List<FafMap> versionsWithMaps(JsonNode doc) {
    Map<String, JsonNode> included = included(doc);
    List<FafMap> maps = new ArrayList<>();
    for (JsonNode version : doc.path("data")) {
      String mapId = version.path("relationships").path("map").path("data").path("id").asText("");
      JsonNode map = included.get("map:" + mapId);
      if (map != null) {
        maps.add(toMap(map, version, included));
      }
    }
    return maps;
  }

  static String errors(JsonNode doc) {
    List<String> messages = new ArrayList<>();
    for (JsonNode error : doc.path("errors")) {
      String text = error.path("detail").asText(error.path("title").asText(error.asText()));
      messages.add(text);
    }
    return String.join("; ", messages);
  }

  private static Map<String, JsonNode> included(JsonNode doc) {
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode resource : doc.path("included")) {
      byKey.put(resource.path("type").asText() + ":" + resource.path("id").asText(), resource);
    }
    return byKey;
  }

  private static FafMap toMap(JsonNode map, JsonNode version, Map<String, JsonNode> included) {
    String authorId = map.path("relationships").path("author").path("data").path("id").asText("");
    Optional<String> author =
        Optional.ofNullable(included.get("player:" + authorId))
            .map(p -> p.path("attributes").path("login").asText(null));
    JsonNode a = version.path("attributes");
    String mapId = requireText(map, "id");
    MapVersion mapVersion =
        new MapVersion(
            requireText(version, "id"),
            a.path("version").asInt(0),
            a.path("folderName").asText(""),
            a.path("downloadUrl").asText(""),
            a.path("width").asInt(0),
            a.path("height").asInt(0),
            a.path("maxPlayers").asInt(0),
            a.path("ranked").asBoolean(false),
            a.path("hidden").asBoolean(false),
            text(a, "description"),
            text(a, "createTime"));
    String name = map.path("attributes").path("displayName").asText(mapVersion.folderName());
    return new FafMap(mapId, name, author, mapVersion);
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static String requireText(JsonNode resource, String field) {
    String value = resource.path(field).asText("");
    if (value.isEmpty()) {
      throw FafException.fatal(
          "the FAF API sent a resource without " + field + ": " + resource, null);
    }
    return value;
  }
}
