package org.fafbulk.api;

import java.util.Optional;
import java.util.OptionalInt;

/** Map filters with one criterion set, so that each test names only what it is about. */
final class Filters {
  private static final OptionalInt NONE = OptionalInt.empty();

  private Filters() {}

  static MapFilter minSize(int size) {
    return new MapFilter(
        OptionalInt.of(size), NONE, NONE, NONE, NONE, false, Optional.empty(), false);
  }

  static MapFilter maxSize(int size) {
    return new MapFilter(
        NONE, OptionalInt.of(size), NONE, NONE, NONE, false, Optional.empty(), false);
  }

  static MapFilter players(int players) {
    return new MapFilter(
        NONE, NONE, OptionalInt.of(players), NONE, NONE, false, Optional.empty(), false);
  }

  static MapFilter minPlayers(int players) {
    return new MapFilter(
        NONE, NONE, NONE, OptionalInt.of(players), NONE, false, Optional.empty(), false);
  }

  static MapFilter maxPlayers(int players) {
    return new MapFilter(
        NONE, NONE, NONE, NONE, OptionalInt.of(players), false, Optional.empty(), false);
  }

  static MapFilter rankedOnly() {
    return new MapFilter(NONE, NONE, NONE, NONE, NONE, true, Optional.empty(), false);
  }

  static MapFilter name(String name) {
    return new MapFilter(NONE, NONE, NONE, NONE, NONE, false, Optional.of(name), false);
  }

  static MapFilter includeHidden() {
    return new MapFilter(NONE, NONE, NONE, NONE, NONE, false, Optional.empty(), true);
  }

  /** Every criterion at once. */
  static MapFilter everything() {
    return new MapFilter(
        OptionalInt.of(256),
        OptionalInt.of(1024),
        NONE,
        OptionalInt.of(2),
        OptionalInt.of(8),
        true,
        Optional.of("Seton"),
        true);
  }
}
