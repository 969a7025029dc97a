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
 * One completed map as maps.json records it. The API's fields (ids, name, author, version, players,
 * ranked) are empty for maps from a URL file; width and height are in map units.
 */
public record MapRecord(
    Optional<String> mapId,
    Optional<String> versionId,
    Optional<String> name,
    Optional<String> author,
    String folder,
    OptionalInt version,
    OptionalInt width,
    OptionalInt height,
    OptionalInt maxPlayers,
    Optional<Boolean> ranked,
    OptionalLong archiveBytes,
    Optional<Instant> downloadedAt,
    Optional<Scenario> scenario) {

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
    Objects.requireNonNull(mapId, "mapId");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(width, "width");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(maxPlayers, "maxPlayers");
    Objects.requireNonNull(ranked, "ranked");
    Objects.requireNonNull(archiveBytes, "archiveBytes");
    Objects.requireNonNull(downloadedAt, "downloadedAt");
    Objects.requireNonNull(scenario, "scenario");
    name = name.map(Printable::of); // from the API: escapes must not reach maps.json raw
    author = author.map(Printable::of);
    if (folder.isEmpty()) {
      throw new IllegalArgumentException("folder must not be empty");
    }
  }

  /**
   * The id checkpoint.json knows the map by: the FAF map id, or the folder for URL-file maps, just
   * as bulk-download's targets are keyed.
   */
  public String id() {
    return mapId.orElse(folder);
  }

  /**
   * The larger side in kilometres (512 map units are 10 km), as a number so that {@code jq} can
   * compare it: 5, 10, 20, 81.92 ...
   */
  public Optional<Double> sizeKm() {
    if (width.isEmpty() && height.isEmpty()) {
      return Optional.empty();
    }
    int units = Math.max(width.orElse(0), height.orElse(0));
    return Optional.of(Math.round(MapUnits.toKm(units) * 100) / 100.0);
  }

  /** Writes this record as one JSON object of maps.json. */
  void write(JsonGenerator json) throws IOException {
    json.writeStartObject();
    string(json, "map_id", mapId);
    string(json, "version_id", versionId);
    string(json, "name", name);
    string(json, "author", author);
    json.writeStringField("folder", folder);
    number(json, "version", version);
    number(json, "width", width);
    number(json, "height", height);
    json.writeFieldName("size_km");
    if (sizeKm().isPresent()) {
      json.writeNumber(sizeKm().get());
    } else {
      json.writeNull();
    }
    number(json, "max_players", maxPlayers);
    json.writeFieldName("ranked");
    if (ranked.isPresent()) {
      json.writeBoolean(ranked.get());
    } else {
      json.writeNull();
    }
    json.writeFieldName("archive_bytes");
    if (archiveBytes.isPresent()) {
      json.writeNumber(archiveBytes.getAsLong());
    } else {
      json.writeNull();
    }
    string(json, "downloaded_at", downloadedAt.map(Instant::toString));
    json.writeFieldName("scenario");
    if (scenario.isPresent()) {
      json.writeStartObject();
      string(json, "name", scenario.get().name());
      number(json, "width", scenario.get().width());
      number(json, "height", scenario.get().height());
      number(json, "armies", scenario.get().armies());
      json.writeEndObject();
    } else {
      json.writeNull();
    }
    json.writeEndObject();
  }

  /** The record in {@code node}, or empty when it has no folder; unknown fields are ignored. */
  static Optional<MapRecord> fromJson(JsonNode node) {
    Optional<String> folder = text(node, "folder");
    if (folder.isEmpty() || folder.get().isEmpty()) {
      return Optional.empty();
    }
    JsonNode s = node.path("scenario");
    return Optional.of(
        new MapRecord(
            text(node, "map_id"),
            text(node, "version_id"),
            text(node, "name"),
            text(node, "author"),
            folder.get(),
            integer(node, "version"),
            integer(node, "width"),
            integer(node, "height"),
            integer(node, "max_players"),
            node.path("ranked").isBoolean()
                ? Optional.of(node.get("ranked").booleanValue())
                : Optional.empty(),
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

  private static void string(JsonGenerator json, String field, Optional<String> value)
      throws IOException {
    json.writeFieldName(field);
    if (value.isPresent()) {
      json.writeString(value.get());
    } else {
      json.writeNull();
    }
  }

  private static void number(JsonGenerator json, String field, OptionalInt value)
      throws IOException {
    json.writeFieldName(field);
    if (value.isPresent()) {
      json.writeNumber(value.getAsInt());
    } else {
      json.writeNull();
    }
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
