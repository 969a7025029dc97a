package org.fafbulk.state;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * maps.json in the output directory: a JSON array with one {@link MapRecord} per completed map,
 * kept in step with checkpoint.json. One thread owns an instance and is its only writer; like the
 * checkpoint it is written in batches, each time whole and atomically, so it is valid JSON always.
 */
public final class MapsIndex {
  public static final String FILE_NAME = "maps.json";

  private final BatchedJsonFile file;
  private final Map<String, MapRecord> records = new LinkedHashMap<>();

  /** Starts from the records already in {@code outputDir}'s maps.json. */
  public MapsIndex(Path outputDir, Clock clock, FlushSchedule schedule) {
    this.file = new BatchedJsonFile(outputDir.resolve(FILE_NAME), clock, schedule, this::write);
    for (MapRecord record : load(outputDir)) {
      records.put(record.id(), record);
    }
  }

  /** The records in {@code outputDir}'s maps.json; empty when there is none. */
  public static List<MapRecord> load(Path outputDir) {
    List<MapRecord> result = new ArrayList<>();
    JsonFiles.readArray(
        outputDir.resolve(FILE_NAME),
        "maps",
        node -> MapRecord.fromJson(node).ifPresent(result::add));
    return result;
  }

  /** Records a completed map, replacing what was recorded under its id. */
  public void put(MapRecord record) {
    records.put(record.id(), record);
    file.changed();
  }

  /** Drops a map whose folder is gone, so that the index matches checkpoint.json. */
  public void forget(String id) {
    if (records.remove(id) != null) {
      file.changed();
    }
  }

  public boolean contains(String id) {
    return records.containsKey(id);
  }

  public Optional<MapRecord> get(String id) {
    return Optional.ofNullable(records.get(id));
  }

  public Collection<MapRecord> records() {
    return records.values();
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
    for (MapRecord record : records.values()) {
      record.write(json);
    }
    json.writeEndArray();
  }
}
