package org.fafbulk.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What checkpoint.json records: the maps completed and in progress, and the selection (filters,
 * limit, or URL file) that {@code --resume} repeats; {@code filters} is an empty object when there
 * are none.
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
    filters = Objects.requireNonNull(filters, "filters").deepCopy(); // {} when there are none
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(urlFile, "urlFile");
  }
}
