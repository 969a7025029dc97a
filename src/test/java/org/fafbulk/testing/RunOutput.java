package org.fafbulk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a run left in its output directory: the map folders, and the state files read as JSON. */
public final class RunOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunOutput() {}

  /**
   * The names of the map folders in {@code out}, sorted: its directories less the hidden ones, such
   * as {@code .faf-broken}. Fails when {@code out} does not exist.
   */
  public static List<String> mapFolders(Path out) throws IOException {
    try (Stream<Path> entries = Files.list(out)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted()
          .toList();
    }
  }

  public static JsonNode checkpoint(Path out) throws IOException {
    return JSON.readTree(out.resolve("checkpoint.json").toFile());
  }

  public static JsonNode failures(Path out) throws IOException {
    return JSON.readTree(out.resolve("failures.json").toFile());
  }
}
