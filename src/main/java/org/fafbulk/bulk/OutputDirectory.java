package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.download.Disk;
import org.fafbulk.state.AtomicFiles;

/** The output directory: making it ready for a run, and the words for its troubles. */
final class OutputDirectory {
  private OutputDirectory() {}

  /** Creates {@code dir} if needed and checks that it is writable; returns its absolute path. */
  static Path prepare(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw FafException.fatal(
          "cannot create the output directory "
              + absolute
              + " ("
              + e.getMessage()
              + "); choose another --output-dir",
          e);
    }
    if (!Files.isWritable(absolute)) {
      throw FafException.fatal(
          "the output directory "
              + absolute
              + " is not writable; fix its permissions or choose another --output-dir");
    }
    return absolute;
  }

  /** Removes the temporary files and folders a killed run left behind; none is ever a map. */
  static int removeLeftovers(Path dir) throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(dir, AtomicFiles.TEMP_PREFIX + "*")) {
      for (Path entry : entries) {
        Disk.deleteRecursively(entry);
        removed++;
      }
    }
    return removed;
  }

  /** The one-line error for a full disk, with the command that carries on once there is room. */
  static FafException diskFull(Path dir, String detail) {
    return new FafException(
        ExitCodes.FATAL,
        "the disk is full ("
            + detail
            + "); free some space, then run faf bulk-download --resume --output-dir "
            + dir);
  }
}
