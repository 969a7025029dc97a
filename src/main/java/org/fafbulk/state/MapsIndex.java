package org.fafbulk.state;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fafbulk.IdSet;

/**
 * maps.json in the output directory: a JSON array with one {@link MapRecord} per completed map,
 * kept in step with checkpoint.json. One thread owns an instance and is its only writer; like the
 * checkpoint it is written in batches, each time whole and atomically, so it is valid JSON always.
 *
 * <p>The records themselves stay on disk: memory holds the ids and which ones lack a scenario. The
 * changes since the last write wait in a scratch file ({@link PendingRecords}), and each write
 * streams maps.json on disk through them. A run over 20,000 maps therefore holds well under a MB of
 * ids, not 20,000 records. Close it to delete the scratch file.
 */
public final class MapsIndex implements AutoCloseable {
  public static final String FILE_NAME = "maps.json";

  private final JsonFiles json;
  private final Path path;
  private final BatchedJsonFile file;
  private final IdSet ids = new IdSet();
  private final IdSet withoutScenario = new IdSet();
  private final PendingRecords changed;

  /** Starts from the records already in {@code outputDir}'s maps.json. */
  public MapsIndex(JsonFiles json, Path outputDir, Clock clock, FlushSchedule schedule)
      throws StateFileException {
    this.json = json;
    this.path = outputDir.resolve(FILE_NAME);
    this.file = new BatchedJsonFile(json, path, clock, schedule, this::write);
    this.changed = new PendingRecords(outputDir);
    json.readArray(
        path,
        "maps",
        node ->
            MapRecord.fromJson(node)
                .ifPresent(
                    record -> {
                      ids.add(record.id());
                      if (record.scenario().isEmpty()) {
                        withoutScenario.add(record.id());
                      }
                    }));
  }

  /** The records in {@code outputDir}'s maps.json; empty when there is none. */
  public static List<MapRecord> load(JsonFiles json, Path outputDir) throws StateFileException {
    List<MapRecord> result = new ArrayList<>();
    json.readArray(
        outputDir.resolve(FILE_NAME),
        "maps",
        node -> MapRecord.fromJson(node).ifPresent(result::add));
    return result;
  }

  /** Records a completed map, replacing what was recorded under its id. */
  public void put(MapRecord record) {
    ids.add(record.id());
    if (record.scenario().isEmpty()) {
      withoutScenario.add(record.id());
    } else {
      withoutScenario.remove(record.id());
    }
    changed.put(record.id(), json.compact(record::write));
    file.changed();
  }

  /** Drops a map whose folder is gone, so that the index matches checkpoint.json. */
  public void forget(String id) {
    if (ids.remove(id)) {
      withoutScenario.remove(id);
      changed.forget(id);
      file.changed();
    }
  }

  public boolean contains(String id) {
    return ids.contains(id);
  }

  /** Whether the map has a record with what its _scenario.lua says. */
  public boolean hasScenario(String id) {
    return ids.contains(id) && !withoutScenario.contains(id);
  }

  /** Writes the file if it changed and the flush interval has passed. */
  public void flushIfDue() throws IOException {
    if (file.flushIfDue()) {
      written();
    }
  }

  /** Writes the file now if it changed. */
  public void flush() throws IOException {
    if (file.flush()) {
      written();
    }
  }

  /** The file now holds every change; until it does, they stay here to be written again. */
  private void written() {
    changed.clear();
  }

  /** Deletes the scratch file of changes; call it after the last {@link #flush}. */
  @Override
  public void close() {
    changed.close();
  }

  /**
   * The file on disk with the changes applied, in its own order: a replaced record keeps its place,
   * a new one goes at the end.
   */
  private void write(JsonGenerator out) throws IOException {
    changed.requireComplete();
    IdSet written = new IdSet();
    out.writeStartArray();
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      IOException[] failure = new IOException[1];
      json.readArray(
          path,
          "maps",
          node -> {
            Optional<String> id = CanonicalRecord.id(node);
            if (id.isPresent()) {
              keep(id.get(), tree -> tree.writeTree(node), written, out, failure);
            } else {
              MapRecord.fromJson(node)
                  .ifPresent(old -> keep(old.id(), old::write, written, out, failure));
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
    changed.forEachLatest(
        (id, record) -> {
          if (written.add(id)) {
            json.copy(record, out);
          }
        });
    out.writeEndArray();
  }

  /**
   * Writes a record of the file on disk, or its replacement, unless it was forgotten or its id was
   * already written (a repeated id is written once).
   */
  private void keep(
      String id, JsonFiles.Content old, IdSet written, JsonGenerator out, IOException[] failure) {
    if (failure[0] != null) {
      return;
    }
    long pending = changed.state(id);
    if (pending == PendingRecords.FORGOTTEN || !written.add(id)) {
      return;
    }
    try {
      if (pending == PendingRecords.NONE) {
        old.writeTo(out);
      } else {
        json.copy(changed.read(pending), out);
      }
    } catch (IOException e) {
      failure[0] = e;
    }
  }
}
