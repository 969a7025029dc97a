package org.fafbulk.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads and atomically replaces the tool's JSON state files, pretty-printed so that people can read
 * them, with the one {@link ObjectMapper} the command built.
 */
public final class JsonFiles {
  private final ObjectMapper mapper;

  /** A JSON document written a piece at a time, never built whole in memory. */
  @FunctionalInterface
  public interface Content {
    void writeTo(JsonGenerator json) throws IOException;
  }

  public JsonFiles(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The parsed file, or empty when it does not exist; a clear error when it is not JSON. */
  public Optional<JsonNode> read(Path file) throws StateFileException {
    try {
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readAllBytes();
      }
      return Optional.of(mapper.readTree(bytes));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Hands each element of the JSON array in {@code file} to {@code element}, one small tree at a
   * time, so that a large file is never held whole in memory. False when there is no file; a clear
   * error when it is not JSON or not an array ({@code what} says what the array should hold).
   */
  public boolean readArray(Path file, String what, Consumer<JsonNode> element)
      throws StateFileException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        JsonParser parser = mapper.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new StateFileException(
            file + " is not a list of " + what + "; move it aside and run again to rebuild it");
      }
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        element.accept(parser.readValueAsTree());
      }
      return true;
    } catch (NoSuchFileException e) {
      return false; // only a missing file: one that cannot be read must not be replaced
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** The clear error for a state file that cannot be read, or is not JSON. */
  private static StateFileException unreadable(Path file, IOException e) {
    if (e instanceof StateFileException refused) {
      return refused;
    }
    Optional<StateFileException> link = Symlinks.ifLink(file, e);
    if (link.isPresent()) {
      return link.get();
    }
    if (e instanceof JsonProcessingException json) {
      return new StateFileException(
          file
              + " is not valid JSON ("
              + json.getOriginalMessage()
              + "); move it aside to start afresh",
          e);
    }
    return new StateFileException("cannot read " + file + ": " + e.getMessage(), e);
  }

  /**
   * Replaces {@code file} with {@code content}, pretty-printed: temp file, fsync, atomic rename.
   */
  public void write(Path file, Content content) throws IOException {
    AtomicFiles.write(
        file,
        out -> {
          try (JsonGenerator json = mapper.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // AtomicFiles syncs it first
            json.useDefaultPrettyPrinter();
            content.writeTo(json);
          }
        });
  }

  /**
   * {@code content} as compact JSON: what a value costs in memory while it waits to be written is
   * then its text, not a tree of records, strings and optionals.
   */
  byte[] compact(Content content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = mapper.createGenerator(bytes)) {
      content.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to memory", e); // a byte array cannot fail
    }
    return bytes.toByteArray();
  }

  /**
   * Writes what {@link #compact} made into {@code out} token by token, so that it takes the file's
   * layout and never becomes objects again.
   */
  void copy(byte[] compact, JsonGenerator out) throws IOException {
    try (JsonParser parser = mapper.createParser(compact)) {
      parser.nextToken();
      out.copyCurrentStructure(parser);
    }
  }
}
