package org.fafbulk.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.fafbulk.MapUnits;
import org.fafbulk.Printable;

/**
 * One completed map as maps.json records it: what the API says ({@link Api}, empty for maps from a
 * URL file), the folder, the size in map units, and what the download and the map's own
 * _scenario.lua say.
 */
public record MapRecord(
    Optional<Api> api,
    String folder,
    OptionalInt width,
    OptionalInt height,
    OptionalLong archiveBytes,
    Optional<Instant> downloadedAt,
    Optional<Scenario> scenario) {

  /** What the FAF API says about a map and its latest version; the author may be unknown. */
  public record Api(
      String mapId,
      String versionId,
      String name,
      Optional<String> author,
      int version,
      int maxPlayers,
      boolean ranked) {
    public Api {
      Objects.requireNonNull(mapId, "mapId");
      Objects.requireNonNull(versionId, "versionId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(author, "author");
      name = Printable.of(name); // from the API: escapes must not reach maps.json raw
      author = author.map(Printable::of);
    }
  }

  /** What the map's own _scenario.lua says; each field empty when it does not say. */
  public record Scenario(
      Optional<String> name, OptionalInt width, OptionalInt height, OptionalInt armies) {
    public Scenario {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(width, "width");
      Objects.requireNonNull(height, "height");
      Objects.requireNonNull(armies, "armies");
      name = name.map(Printable::of); // from the archive's _scenario.lua
    }
  }

  public MapRecord {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(width, "width");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(archiveBytes, "archiveBytes");
    Objects.requireNonNull(downloadedAt, "downloadedAt");
    Objects.requireNonNull(scenario, "scenario");
    if (folder.isEmpty()) {
      throw new IllegalArgumentException("folder must not be empty");
    }
  }

  /**
   * The id checkpoint.json knows the map by: the FAF map id, or the folder for URL-file maps, just
   * as bulk-download's targets are keyed.
   */
  public String id() {
    return api.map(Api::mapId).orElse(folder);
  }

  /**
   * The larger side in kilometres (512 map units are 10 km), as a number so that {@code jq} can
   * compare it: 5, 10, 20, 81.92 ...
   */
  public Optional<Double> sizeKm() {
    return sizeKm(width, height);
  }

  static Optional<Double> sizeKm(OptionalInt width, OptionalInt height) {
    if (width.isEmpty() && height.isEmpty()) {
      return Optional.empty();
    }
    int units = Math.max(width.orElse(0), height.orElse(0));
    return Optional.of(Math.round(MapUnits.toKm(units) * 100) / 100.0);
  }

  /** Writes this record as one JSON object of maps.json; the API's fields are null without it. */
  void write(JsonGenerator json) throws IOException {
    json.writeStartObject();
    string(json, "map_id", api.map(Api::mapId));
    string(json, "version_id", api.map(Api::versionId));
    string(json, "name", api.map(Api::name));
    string(json, "author", api.flatMap(Api::author));
    json.writeStringField("folder", folder);
    number(json, "version", api.map(Api::version));
    number(json, "width", width);
    number(json, "height", height);
    json.writeFieldName("size_km");
    value(json, sizeKm(), json::writeNumber);
    number(json, "max_players", api.map(Api::maxPlayers));
    json.writeFieldName("ranked");
    value(json, api.map(Api::ranked), json::writeBoolean);
    json.writeFieldName("archive_bytes");
    value(
        json,
        archiveBytes.isPresent() ? Optional.of(archiveBytes.getAsLong()) : Optional.empty(),
        json::writeNumber);
    string(json, "downloaded_at", downloadedAt.map(Instant::toString));
    json.writeFieldName("scenario");
    value(json, scenario, s -> writeScenario(json, s));
    json.writeEndObject();
  }

  private static void writeScenario(JsonGenerator json, Scenario scenario) throws IOException {
    json.writeStartObject();
    string(json, "name", scenario.name());
    number(json, "width", scenario.width());
    number(json, "height", scenario.height());
    number(json, "armies", scenario.armies());
    json.writeEndObject();
  }

  /**
   * The record in {@code node}, or empty when it has no folder; unknown fields are ignored. The API
   * part is there when the record has a map id, as this tool writes the API's fields together.
   */
  static Optional<MapRecord> fromJson(JsonNode node) {
    Optional<String> folder = text(node, "folder");
    if (folder.isEmpty() || folder.get().isEmpty()) {
      return Optional.empty();
    }
    JsonNode s = node.path("scenario");
    return Optional.of(
        new MapRecord(
            apiFromJson(node),
            folder.get(),
            integer(node, "width"),
            integer(node, "height"),
            node.path("archive_bytes").canConvertToLong()
                ? OptionalLong.of(node.get("archive_bytes").longValue())
                : OptionalLong.empty(),
            text(node, "downloaded_at").flatMap(MapRecord::instant),
            s.isObject()
                ? Optional.of(
                    new Scenario(
                        text(s, "name"),
                        integer(s, "width"),
                        integer(s, "height"),
                        integer(s, "armies")))
                : Optional.empty()));
  }

  private static Optional<Api> apiFromJson(JsonNode node) {
    return text(node, "map_id")
        .map(
            mapId ->
                new Api(
                    mapId,
                    text(node, "version_id").orElse(""),
                    text(node, "name").orElse(""),
                    text(node, "author"),
                    integer(node, "version").orElse(0),
                    integer(node, "max_players").orElse(0),
                    node.path("ranked").booleanValue()));
  }

  /** Writes one value with {@code writer}, or null when there is none. */
  private interface ValueWriter<T> {
    void write(T value) throws IOException;
  }

  private static <T> void value(JsonGenerator json, Optional<T> value, ValueWriter<T> writer)
      throws IOException {
    if (value.isPresent()) {
      writer.write(value.get());
    } else {
      json.writeNull();
    }
  }

  private static void string(JsonGenerator json, String field, Optional<String> value)
      throws IOException {
    json.writeFieldName(field);
    value(json, value, json::writeString);
  }

  private static void number(JsonGenerator json, String field, Optional<Integer> value)
      throws IOException {
    json.writeFieldName(field);
    value(json, value, json::writeNumber);
  }

  private static void number(JsonGenerator json, String field, OptionalInt value)
      throws IOException {
    number(json, field, value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty());
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static OptionalInt integer(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.canConvertToInt() ? OptionalInt.of(value.intValue()) : OptionalInt.empty();
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
