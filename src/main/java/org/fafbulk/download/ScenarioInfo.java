package org.fafbulk.download;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a map's {@code _scenario.lua} says about it: name, size in map units and number of armies;
 * each empty when the file does not say or says it in a form this reader does not follow.
 */
public record ScenarioInfo(Optional<String> name, Optional<Size> size, OptionalInt armies) {
  /** The largest file read; real scenario files are a few kilobytes. */
  static final int MAX_BYTES = 1024 * 1024;

  /** The scenario's {@code size = {width, height}}, in map units (512 units are 10 km). */
  public record Size(int width, int height) {
    public Size {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("size must be positive: " + width + " x " + height);
      }
    }
  }

  public ScenarioInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(armies, "armies");
  }

  public static ScenarioInfo empty() {
    return new ScenarioInfo(Optional.empty(), Optional.empty(), OptionalInt.empty());
  }

  /** Reads {@code file}; only an unreadable file is an error, never an unexpected content. */
  public static ScenarioInfo read(Path file) throws IOException {
    byte[] bytes;
    try (var in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES);
    }
    // Map makers' editors wrote Latin-1 as often as UTF-8; bad bytes only ever touch the name.
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  public static ScenarioInfo parse(String source) {
    LuaTables.Table globals = LuaTables.parse(source);
    Optional<LuaTables.Table> info = globals.table("ScenarioInfo");
    if (info.isEmpty()) {
      return empty();
    }
    return new ScenarioInfo(
        info.get().get("name").filter(String.class::isInstance).map(String.class::cast),
        info.get().table("size").flatMap(ScenarioInfo::size),
        armies(info.get()));
  }

  private static Optional<Size> size(LuaTables.Table size) {
    if (size.items().size() < 2) {
      return Optional.empty();
    }
    OptionalInt width = positiveInt(size.items().get(0));
    OptionalInt height = positiveInt(size.items().get(1));
    if (width.isEmpty() || height.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Size(width.getAsInt(), height.getAsInt()));
  }

  private static OptionalInt positiveInt(Object value) {
    if (value instanceof Double d && d >= 1 && d <= Integer.MAX_VALUE) {
      return OptionalInt.of((int) Math.round(d));
    }
    return OptionalInt.empty();
  }

  /** The distinct army names of every team in the {@code standard} configuration. */
  private static OptionalInt armies(LuaTables.Table info) {
    Optional<LuaTables.Table> teams =
        info.table("Configurations")
            .flatMap(c -> c.table("standard"))
            .flatMap(s -> s.table("teams"));
    if (teams.isEmpty()) {
      return OptionalInt.empty();
    }
    Set<String> names = new LinkedHashSet<>();
    boolean anyList = false;
    for (Object team : teams.get().items()) {
      if (team instanceof LuaTables.Table t && t.table("armies").isPresent()) {
        anyList = true;
        for (Object army : t.table("armies").get().items()) {
          if (army instanceof String s) {
            names.add(s);
          }
        }
      }
    }
    return anyList ? OptionalInt.of(names.size()) : OptionalInt.empty();
  }
}
