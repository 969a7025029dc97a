package org.fafbulk.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary file or folder beside its destination that, when closed, is gone unless it was moved
 * into place or handed over: no "set the variable to null to keep it" in the callers.
 */
public final class CollocatedTempFile implements AutoCloseable {
  private final Path path;
  private boolean released;

  private CollocatedTempFile(Path path) {
    this.path = path;
  }

  /** A new empty file {@code .faf-tmp-<label><random><suffix>} in {@code dir}. */
  public static CollocatedTempFile file(Path dir, String label, String suffix) throws IOException {
    return new CollocatedTempFile(
        Files.createTempFile(dir, AtomicFiles.TEMP_PREFIX + label, suffix));
  }

  /** A new empty folder {@code .faf-tmp-<label><random>} in {@code dir}. */
  public static CollocatedTempFile folder(Path dir, String label) throws IOException {
    return new CollocatedTempFile(Files.createTempDirectory(dir, AtomicFiles.TEMP_PREFIX + label));
  }

  public Path path() {
    return path;
  }

  /**
   * Renames this file or folder to {@code target} atomically and durably; close then leaves it
   * alone. On failure it stays temporary, and close removes it.
   */
  public void moveTo(Path target) throws IOException {
    requireOwned();
    AtomicFiles.move(path, target);
    released = true;
  }

  /** Gives the file or folder to the caller, who must now delete or move it; close leaves it. */
  public Path handOver() {
    requireOwned();
    released = true;
    return path;
  }

  /** Deletes the file or folder, with everything in it, unless it was moved or handed over. */
  @Override
  public void close() {
    if (!released) {
      released = true;
      deleteRecursively(path);
    }
  }

  private void requireOwned() {
    if (released) {
      throw new IllegalStateException(path + " was already moved, handed over or deleted");
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // Files.walk does not follow links, so a link planted inside is removed, not its target.
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(CollocatedTempFile::delete);
    } catch (IOException | UncheckedIOException e) {
      // Left behind under the temporary prefix: the next run's clean-up removes it.
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
