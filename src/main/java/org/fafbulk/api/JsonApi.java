package org.fafbulk.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.fafbulk.FafException;

/**
 * Reads FAF's JSON:API documents ({@code data}, {@code included}, {@code meta.page}) one resource
 * at a time: a page of 10,000 maps is never held as one JSON tree, only as the small records it
 * becomes.
 */
final class JsonApi {
  private JsonApi() {}

  /**
   * One page of maps, packed, and the totals when the request asked for them; {@code ids} are the
   * ids of every map resource in {@code data}, downloadable or not, and {@code rawCount} counts its
   * elements.
   */
  record MapPage(PackedMaps maps, OptionalLong totalRecords, int rawCount, List<String> ids) {}

  /** A document that is JSON but not a JSON:API document (say, an array or a bare string). */
  static final class NotADocument extends IOException {
    private static final long serialVersionUID = 1L;

    NotADocument() {
      super("not a JSON:API document");
    }
  }

  /** A {@code map} resource, reduced to what the tool uses. */
  private record MapResource(
      String id, Optional<String> displayName, String latestVersionId, String authorId) {}

  /** A {@code mapVersion} resource and the id of its map. */
  private record VersionResource(MapVersion version, String mapId) {}

  /**
   * A whole document as the records its resources became: {@code data} in order, {@code included}
   * by type and id, {@code meta} and {@code errors} as they were (both are small).
   */
  static final class Document {
    private final List<Object> data = new ArrayList<>();
    private final Map<String, MapResource> maps = new HashMap<>();
    private final Map<String, VersionResource> versions = new HashMap<>();
    private final Map<String, String> logins = new HashMap<>();
    private JsonNode meta = MissingNode.getInstance();
    private JsonNode errors = MissingNode.getInstance();

    boolean hasErrors() {
      return !errors.isMissingNode();
    }

    /** The messages of the {@code errors} member, joined. */
    String errors() {
      return JsonApi.errors(errors);
    }

    private void add(JsonNode resource, boolean isData) {
      String type = resource.path("type").asText("");
      String id = resource.path("id").asText("");
      if (id.isEmpty() && !isData) {
        return; // an included resource nothing can refer to
      }
      Object record =
          switch (type) {
            case "map" -> mapResource(resource);
            case "mapVersion" -> versionResource(resource);
            case "player" -> resource.path("attributes").path("login").asText(null);
            default -> null;
          };
      if (isData) {
        data.add(record == null ? type : record);
      }
      if (record instanceof MapResource m) {
        maps.put(id, m);
      } else if (record instanceof VersionResource v) {
        versions.put(id, v);
      } else if (record instanceof String login) {
        logins.put(id, login);
      }
    }
  }

  /** Reads a document from {@code parser}, which must stand before its first token. */
  static Document read(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new NotADocument();
    }
    Document doc = new Document();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "data" -> resources(parser, value, doc, true);
        case "included" -> resources(parser, value, doc, false);
        case "meta" -> doc.meta = parser.readValueAsTree();
        case "errors" -> doc.errors = parser.readValueAsTree();
        default -> parser.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new NotADocument();
    }
    return doc;
  }

  /**
   * Hands each resource of an array (or a single resource) to the document, one small tree each.
   */
  private static void resources(JsonParser parser, JsonToken value, Document doc, boolean isData)
      throws IOException {
    if (value == JsonToken.START_ARRAY) {
      for (JsonToken element = parser.nextToken();
          element != JsonToken.END_ARRAY;
          element = parser.nextToken()) {
        if (element == null) {
          throw new NotADocument(); // the input ended inside the array
        }
        if (element == JsonToken.START_OBJECT) {
          doc.add(parser.readValueAsTree(), isData);
        } else {
          parser.skipChildren(); // null or a scalar where a resource should be: not a map
          if (isData) {
            doc.data.add(element.asString() == null ? "?" : element.asString());
          }
        }
      }
    } else if (value == JsonToken.START_OBJECT) {
      doc.add(parser.readValueAsTree(), isData);
    } else {
      parser.skipChildren();
    }
  }

  static MapPage mapsWithLatestVersion(Document doc) {
    PackedMaps maps = new PackedMaps();
    List<String> ids = new ArrayList<>();
    for (Object resource : doc.data) {
      if (resource instanceof MapResource map) {
        ids.add(map.id());
        VersionResource version = doc.versions.get(map.latestVersionId());
        if (version != null) { // a map without a visible latest version has nothing to download
          maps.add(toMap(map, version.version(), doc));
        }
      }
    }
    JsonNode total = doc.meta.path("page").path("totalRecords");
    return new MapPage(
        maps,
        total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty(),
        doc.data.size(),
        ids);
  }

  static List<FafMap> versionsWithMaps(Document doc) {
    List<FafMap> maps = new ArrayList<>();
    for (Object resource : doc.data) {
      if (resource instanceof VersionResource version) {
        MapResource map = doc.maps.get(version.mapId());
        if (map != null) {
          maps.add(toMap(map, version.version(), doc));
        }
      }
    }
    return maps;
  }

  static String errors(JsonNode errors) {
    List<String> messages = new ArrayList<>();
    for (JsonNode error : errors) {
      String text = error.path("detail").asText(error.path("title").asText(error.asText()));
      messages.add(text);
    }
    return String.join("; ", messages);
  }

  private static FafMap toMap(MapResource map, MapVersion version, Document doc) {
    Optional<String> author = Optional.ofNullable(doc.logins.get(map.authorId()));
    return new FafMap(map.id(), map.displayName().orElse(version.folderName()), author, version);
  }

  private static MapResource mapResource(JsonNode map) {
    JsonNode relationships = map.path("relationships");
    return new MapResource(
        requireText(map, "id"),
        text(map.path("attributes"), "displayName"),
        relationships.path("latestVersion").path("data").path("id").asText(""),
        relationships.path("author").path("data").path("id").asText(""));
  }

  private static VersionResource versionResource(JsonNode version) {
    JsonNode a = version.path("attributes");
    return new VersionResource(
        new MapVersion(
            requireText(version, "id"),
            a.path("version").asInt(0),
            a.path("folderName").asText(""),
            a.path("downloadUrl").asText(""),
            a.path("width").asInt(0),
            a.path("height").asInt(0),
            a.path("maxPlayers").asInt(0),
            a.path("ranked").asBoolean(false),
            a.path("hidden").asBoolean(false)),
        version.path("relationships").path("map").path("data").path("id").asText(""));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static String requireText(JsonNode resource, String field) {
    String value = resource.path(field).asText("");
    if (value.isEmpty()) {
      throw FafException.fatal("the FAF API sent a resource without " + field + ": " + resource);
    }
    return value;
  }
}
