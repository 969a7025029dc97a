package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fafbulk.download.Disk;
import org.fafbulk.state.AtomicFiles;

/** Housekeeping of the output directory between runs. */
final class OutputDirectory {
  private OutputDirectory() {}

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
}
