package org.fafbulk.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What checkpoint.json records: the maps completed and in progress, and the selection (filters,
 * limit, or URL file) that {@code --resume} repeats.
 */
public record Checkpoint(
    List<String> completed,
    List<String> inProgress,
    Instant timestamp,
    ObjectNode filters,
    OptionalLong limit,
    Optional<String> urlFile) {
  public Checkpoint {
    completed = List.copyOf(completed);
    inProgress = List.copyOf(inProgress);
    Objects.requireNonNull(timestamp, "timestamp");
    filters = filters == null ? JsonNodeFactory.instance.objectNode() : filters.deepCopy();
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(urlFile, "urlFile");
  }
}
