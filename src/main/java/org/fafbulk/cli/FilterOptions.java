package org.fafbulk.cli;

import java.util.Optional;
import java.util.OptionalInt;
import org.fafbulk.api.MapFilter;
import picocli.CommandLine.Option;

/** The map filters, sent to the FAF API as RSQL. */
final class FilterOptions {
  @Option(
      names = "--min-size",
      paramLabel = "SIZE",
      converter = MapSizeConverter.class,
      description = "Only maps at least this large on both sides: map units (512) or km (10km).")
  Integer minSize;

  @Option(
      names = "--max-size",
      paramLabel = "SIZE",
      converter = MapSizeConverter.class,
      description = "Only maps at most this large on both sides: map units (1024) or km (20km).")
  Integer maxSize;

  @Option(names = "--players", paramLabel = "N", description = "Only maps for exactly N players.")
  Integer players;

  @Option(
      names = "--min-players",
      paramLabel = "N",
      description = "Only maps for at least N players.")
  Integer minPlayers;

  @Option(
      names = "--max-players",
      paramLabel = "N",
      description = "Only maps for at most N players.")
  Integer maxPlayers;

  @Option(names = "--ranked", description = "Only maps whose latest version is ranked.")
  boolean ranked;

  @Option(
      names = "--name",
      paramLabel = "TEXT",
      description = "Only maps whose name contains TEXT.")
  String name;

  @Option(
      names = "--include-hidden",
      description = "Also select hidden map versions (FAF's client leaves them out).")
  boolean includeHidden;

  boolean anyGiven() {
    return minSize != null
        || maxSize != null
        || players != null
        || minPlayers != null
        || maxPlayers != null
        || ranked
        || name != null
        || includeHidden;
  }

  /** The filter, or an {@link IllegalArgumentException} naming the offending option. */
  MapFilter toFilter() {
    checkPositive("--players", players);
    checkPositive("--min-players", minPlayers);
    checkPositive("--max-players", maxPlayers);
    if (name != null && name.isBlank()) {
      throw new IllegalArgumentException("--name must not be empty");
    }
    return MapFilter.builder()
        .minSize(optional(minSize))
        .maxSize(optional(maxSize))
        .players(optional(players))
        .minPlayers(optional(minPlayers))
        .maxPlayers(optional(maxPlayers))
        .rankedOnly(ranked)
        .name(Optional.ofNullable(name))
        .includeHidden(includeHidden)
        .build();
  }

  private static void checkPositive(String option, Integer value) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, not " + value);
    }
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
