package org.fafbulk.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.fafbulk.FafException;

/** Reads and atomically replaces the tool's JSON state files. */
public final class JsonFiles {
  /** The one mapper the state files share; pretty-printed so that people can read them. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  /** The parsed file, or empty when it does not exist; a clear error when it is not JSON. */
  public static Optional<JsonNode> read(Path file) {
    try {
      return Optional.of(MAPPER.readTree(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      throw FafException.fatal(
          file
              + " is not valid JSON ("
              + e.getOriginalMessage()
              + "); move it aside to start afresh",
          e);
    } catch (IOException e) {
      throw FafException.fatal("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Replaces {@code file} with {@code node}: temp file, fsync, atomic rename. */
  public static void write(Path file, JsonNode node) throws IOException {
    AtomicFiles.write(file, MAPPER.writeValueAsBytes(node));
  }
}
