package org.fafbulk.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Checks that a folder holds a playable map: a valid {@code .scmap} and a scenario file. */
public final class MapVerifier {
  private MapVerifier() {}

  /** What a verified map folder holds. */
  public record VerifiedMap(Path scmap, ScmapHeader header, Path scenario) {}

  public static VerifiedMap verify(Path folder) throws IOException, MapFailure {
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(Files::isRegularFile).sorted().toList();
    }
    Path scmap =
        files.stream()
            .filter(p -> lowerName(p).endsWith(".scmap"))
            .findFirst()
            .orElseThrow(() -> MapFailure.rejected("map has no .scmap file"));
    Path scenario =
        files.stream()
            .filter(p -> lowerName(p).endsWith("_scenario.lua"))
            .findFirst()
            .orElseThrow(() -> MapFailure.rejected("map has no _scenario.lua file"));
    try {
      return new VerifiedMap(scmap, ScmapHeader.read(scmap), scenario);
    } catch (ScmapHeader.InvalidScmapException e) {
      throw MapFailure.rejected(scmap.getFileName() + " " + e.getMessage());
    }
  }

  private static String lowerName(Path path) {
    return path.getFileName().toString().toLowerCase(Locale.ROOT);
  }
}
