package org.fafbulk.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fafbulk.Printable;

/**
 * failures.json: the maps whose latest attempt failed, each once; a later success removes the
 * entry. One thread owns an instance and is its only writer.
 */
public final class FailureLog {
  public static final String FILE_NAME = "failures.json";

  /** One failed map, as failures.json records it. */
  public record Entry(String mapId, String mapName, String url, String error, Instant timestamp) {
    public Entry {
      Objects.requireNonNull(mapId, "mapId");
      Objects.requireNonNull(mapName, "mapName");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(timestamp, "timestamp");
      // What a server sent must not replay as terminal escapes from `jq -r`.
      mapId = Printable.of(mapId);
      mapName = Printable.of(mapName);
      url = Printable.of(url);
      error = Printable.of(error);
    }
  }

  private final Clock clock;
  private final BatchedJsonFile file;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  public FailureLog(JsonFiles json, Path outputDir, Clock clock, FlushSchedule schedule)
      throws StateFileException {
    this.clock = clock;
    this.file =
        new BatchedJsonFile(json, outputDir.resolve(FILE_NAME), clock, schedule, this::write);
    for (Entry entry : load(json, outputDir)) {
      entries.put(entry.mapId(), entry);
    }
    file.changed(); // a run always leaves a failures.json, if only an empty one
  }

  /** The entries in {@code outputDir}'s failures.json; empty when there is none. */
  public static List<Entry> load(JsonFiles json, Path outputDir) throws StateFileException {
    Path file = outputDir.resolve(FILE_NAME);
    List<Entry> result = new ArrayList<>();
    Optional<JsonNode> array = json.read(file);
    if (array.isEmpty()) {
      return result;
    }
    try {
      for (JsonNode n : array.get()) {
        result.add(
            new Entry(
                n.path("map_id").asText(),
                n.path("map_name").asText(""),
                n.path("url").asText(""),
                n.path("error").asText(""),
                Instant.parse(n.path("timestamp").asText(Instant.EPOCH.toString()))));
      }
    } catch (DateTimeParseException e) {
      throw CheckpointStore.notWrittenHere(file, "a failure log", e);
    }
    return result;
  }

  public void failed(String mapId, String mapName, String url, String error) {
    entries.remove(mapId); // re-inserted at the end: the list reads in order of failure
    entries.put(
        mapId,
        new Entry(mapId, mapName, url, error, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    file.changed();
  }

  public void succeeded(String mapId) {
    if (entries.remove(mapId) != null) {
      file.changed();
    }
  }

  public Collection<Entry> entries() {
    return entries.values();
  }

  public boolean contains(String mapId) {
    return entries.containsKey(mapId);
  }

  /** Writes the file if it changed and the flush interval has passed. */
  public void flushIfDue() throws IOException {
    file.flushIfDue();
  }

  /** Writes the file now if it changed. */
  public void flush() throws IOException {
    file.flush();
  }

  private void write(JsonGenerator json) throws IOException {
    json.writeStartArray();
    for (Entry e : entries.values()) {
      json.writeStartObject();
      json.writeStringField("map_id", e.mapId());
      json.writeStringField("map_name", e.mapName());
      json.writeStringField("url", e.url());
      json.writeStringField("error", e.error());
      json.writeStringField("timestamp", e.timestamp().toString());
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
