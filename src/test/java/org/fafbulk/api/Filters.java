package org.fafbulk.api;

/** Map filters with one criterion set, so that each test names only what it is about. */
final class Filters {
  private Filters() {}

  static MapFilter minSize(int size) {
    return MapFilter.builder().minSize(size).build();
  }

  static MapFilter maxSize(int size) {
    return MapFilter.builder().maxSize(size).build();
  }

  static MapFilter players(int players) {
    return MapFilter.builder().players(players).build();
  }

  static MapFilter minPlayers(int players) {
    return MapFilter.builder().minPlayers(players).build();
  }

  static MapFilter maxPlayers(int players) {
    return MapFilter.builder().maxPlayers(players).build();
  }

  static MapFilter rankedOnly() {
    return MapFilter.builder().rankedOnly(true).build();
  }

  static MapFilter name(String name) {
    return MapFilter.builder().name(name).build();
  }

  static MapFilter includeHidden() {
    return MapFilter.builder().includeHidden(true).build();
  }

  /** Every criterion at once. */
  static MapFilter everything() {
    return MapFilter.builder()
        .minSize(256)
        .maxSize(1024)
        .minPlayers(2)
        .maxPlayers(8)
        .rankedOnly(true)
        .name("Seton")
        .includeHidden(true)
        .build();
  }
}
