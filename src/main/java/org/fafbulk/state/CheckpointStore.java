package org.fafbulk.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.fafbulk.IdSet;

/**
 * checkpoint.json in the output directory. One thread owns an instance and is its only writer;
 * changes are written in batches (see {@link #flushIfDue}), which is safe because a map folder
 * under its final name counts as completed even when the checkpoint does not list it yet.
 */
public final class CheckpointStore {
  public static final String FILE_NAME = "checkpoint.json";

  private final Clock clock;
  private final BatchedJsonFile file;
  private final IdSet completed = new IdSet();
  private final Set<String> inProgress = new LinkedHashSet<>();
  private final ObjectNode filters;
  private final OptionalLong limit;
  private final Optional<String> urlFile;

  public CheckpointStore(
      JsonFiles json, Path outputDir, Clock clock, FlushSchedule schedule, Checkpoint start) {
    this.clock = clock;
    this.file =
        new BatchedJsonFile(json, outputDir.resolve(FILE_NAME), clock, schedule, this::write);
    start.completed().forEach(completed::add);
    this.filters = start.filters();
    this.limit = start.limit();
    this.urlFile = start.urlFile();
    file.changed();
  }

  /** The checkpoint in {@code outputDir}, if there is one. */
  public static Optional<Checkpoint> load(JsonFiles json, Path outputDir)
      throws StateFileException {
    Path file = outputDir.resolve(FILE_NAME);
    Optional<JsonNode> node = json.read(file);
    return node.isPresent() ? Optional.of(parse(file, node.get())) : Optional.empty();
  }

  private static Checkpoint parse(Path file, JsonNode node) throws StateFileException {
    try {
      if (!node.isObject() || !node.path("completed").isArray()) {
        throw new IllegalArgumentException("it has no \"completed\" list");
      }
      List<String> completed = new ArrayList<>();
      node.get("completed").forEach(id -> completed.add(id.asText()));
      List<String> inProgress = new ArrayList<>();
      node.path("in_progress").forEach(id -> inProgress.add(id.asText()));
      JsonNode limit = node.path("limit");
      JsonNode filters = node.path("filters");
      return new Checkpoint(
          completed,
          inProgress,
          node.hasNonNull("timestamp")
              ? Instant.parse(node.get("timestamp").asText())
              : Instant.EPOCH,
          filters.isObject() ? (ObjectNode) filters : JsonNodeFactory.instance.objectNode(),
          limit.canConvertToLong() ? OptionalLong.of(limit.asLong()) : OptionalLong.empty(),
          node.hasNonNull("url_file")
              ? Optional.of(node.get("url_file").asText())
              : Optional.empty());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw notWrittenHere(file, "a checkpoint", e);
    }
  }

  /** The error for a state file that parses as JSON but is not what this tool writes there. */
  static StateFileException notWrittenHere(Path file, String what, RuntimeException e) {
    return new StateFileException(
        file
            + " is not "
            + what
            + " this tool wrote ("
            + e.getMessage()
            + "); move it aside to start afresh",
        e);
  }

  public boolean isCompleted(String id) {
    return completed.contains(id);
  }

  public void started(String id) {
    inProgress.add(id);
    file.changed();
  }

  public void completed(String id) {
    inProgress.remove(id);
    completed.add(id);
    file.changed();
  }

  /** A map that failed or was abandoned: neither completed nor in progress any more. */
  public void stopped(String id) {
    inProgress.remove(id);
    file.changed();
  }

  /** A completed map whose folder is gone, so that it is downloaded again. */
  public void forget(String id) {
    if (completed.remove(id)) {
      file.changed();
    }
  }

  public int completedCount() {
    return completed.size();
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
    json.writeStartObject();
    json.writeArrayFieldStart("completed");
    for (String id : completed.inOrder()) {
      json.writeString(id);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("in_progress");
    for (String id : inProgress) {
      json.writeString(id);
    }
    json.writeEndArray();
    json.writeStringField("timestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    json.writeFieldName("filters");
    json.writeTree(filters);
    json.writeFieldName("limit");
    if (limit.isPresent()) {
      json.writeNumber(limit.getAsLong());
    } else {
      json.writeNull();
    }
    if (urlFile.isPresent()) {
      json.writeStringField("url_file", urlFile.get());
    }
    json.writeEndObject();
  }
}
