package org.fafbulk.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fafbulk.FafException;

/**
 * Reads FAF's JSON:API documents ({@code data}, {@code included}, {@code meta.page}) one resource
 * at a time: a page of 10,000 maps is never held as one JSON tree; each resource is read as a small
 * tree and handed, as the record it becomes, to a {@link Collector} that keeps only what it needs.
 */
final class JsonApi {
  private JsonApi() {}

  /**
   * One page of maps, packed, and the totals when the request asked for them; {@code ids} are the
   * ids of every map resource in {@code data}, downloadable or not, and {@code rawCount} counts its
   * elements.
   */
  record MapPage(ListedMaps maps, OptionalLong totalRecords, int rawCount, PageIds ids) {}

  /** A document that is JSON but not a JSON:API document (say, an array or a bare string). */
  static final class NotADocument extends IOException {
    private static final long serialVersionUID = 1L;

    NotADocument() {
      super("not a JSON:API document");
    }
  }

  /** A {@code map} resource, reduced to what the tool uses. */
  record MapResource(
      String id, Optional<String> displayName, String latestVersionId, String authorId) {}

  /** A {@code mapVersion} resource and the id of its map. */
  record VersionResource(MapVersion version, String mapId) {}

  /**
   * What one document's resources become, handed over in document order as they are read; one
   * collector per read, so that a retried request starts from nothing.
   */
  interface Collector<T> {
    /** Counts an element of {@code data}, whatever it is; its resource, if any, follows. */
    void dataElement();

    void map(MapResource map, boolean inData);

    void version(VersionResource version, boolean inData);

    void login(String playerId, String login);

    /** What the document became, given its {@code meta} (missing when it had none). */
    T result(JsonNode meta);

    /**
     * The document was not read whole, or was not what was asked for: gives back what the collector
     * kept off the heap, as no {@link #result} will own it.
     */
    default void discard() {}
  }

  /** What a document says besides its resources; both parts are small. */
  record Envelope(JsonNode meta, JsonNode errors) {
    boolean hasErrors() {
      return !errors.isMissingNode();
    }

    /** The messages of the {@code errors} member, joined. */
    String errorMessages() {
      return JsonApi.errors(errors);
    }
  }

  /**
   * Reads a document from {@code parser}, which must stand before its first token, handing its
   * resources to {@code collector}; {@code included} may come before {@code data}.
   */
  static Envelope read(JsonParser parser, Collector<?> collector) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new NotADocument();
    }
    JsonNode meta = MissingNode.getInstance();
    JsonNode errors = MissingNode.getInstance();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "data" -> resources(parser, value, collector, true);
        case "included" -> resources(parser, value, collector, false);
        case "meta" -> meta = parser.readValueAsTree();
        case "errors" -> errors = parser.readValueAsTree();
        default -> parser.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new NotADocument();
    }
    return new Envelope(meta, errors);
  }

  /** Hands each resource of an array (or a single resource) over, one small tree each. */
  private static void resources(
      JsonParser parser, JsonToken value, Collector<?> collector, boolean isData)
      throws IOException {
    if (value == JsonToken.START_ARRAY) {
      for (JsonToken element = parser.nextToken();
          element != JsonToken.END_ARRAY;
          element = parser.nextToken()) {
        if (element == null) {
          throw new NotADocument(); // the input ended inside the array
        }
        if (isData) {
          collector.dataElement();
        }
        if (element == JsonToken.START_OBJECT) {
          add(parser.readValueAsTree(), isData, collector);
        } else {
          parser.skipChildren(); // null or a scalar where a resource should be: not a map
        }
      }
    } else if (value == JsonToken.START_OBJECT) {
      if (isData) {
        collector.dataElement();
      }
      add(parser.readValueAsTree(), isData, collector);
    } else {
      parser.skipChildren();
    }
  }

  private static void add(JsonNode resource, boolean isData, Collector<?> collector) {
    String id = resource.path("id").asText("");
    if (id.isEmpty() && !isData) {
      return; // an included resource nothing can refer to
    }
    switch (resource.path("type").asText("")) {
      case "map" -> collector.map(mapResource(resource), isData);
      case "mapVersion" -> collector.version(versionResource(resource), isData);
      case "player" -> {
        String login = resource.path("attributes").path("login").asText(null);
        if (login != null) {
          collector.login(id, login);
        }
      }
      default -> {} // a type the tool does not use
    }
  }

  static String errors(JsonNode errors) {
    List<String> messages = new ArrayList<>();
    for (JsonNode error : errors) {
      String text = error.path("detail").asText(error.path("title").asText(error.asText()));
      messages.add(text);
    }
    return String.join("; ", messages);
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
