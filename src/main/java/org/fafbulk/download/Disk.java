package org.fafbulk.download;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.fafbulk.Errors;

/** Tells a full disk from other I/O errors, and removes what a failed install left behind. */
public final class Disk {
  /** Below this much free space an I/O error is taken for a full disk. */
  private static final long NEARLY_FULL_BYTES = 4L * 1024 * 1024;

  private Disk() {}

  /** Wraps an I/O error in a {@link MapFailure}, of kind DISK_FULL when the disk is full. */
  public static MapFailure classify(String context, IOException e, Path dir) {
    if (isDiskFull(e, dir)) {
      return new MapFailure(MapFailure.Kind.DISK_FULL, "disk full: " + context, e);
    }
    return new MapFailure(MapFailure.Kind.PERMANENT, context + ": " + Errors.describe(e), e);
  }

  public static boolean isDiskFull(IOException e, Path dir) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("no space left") || message.contains("disk quota exceeded")) {
      return true;
    }
    try {
      return Files.getFileStore(dir).getUsableSpace() < NEARLY_FULL_BYTES;
    } catch (IOException | RuntimeException ignored) {
      return false;
    }
  }

  /** Deletes a file or folder tree, ignoring what is already gone. */
  public static void deleteRecursively(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // Left for the next run's clean-up of temporary folders.
    }
  }
}
