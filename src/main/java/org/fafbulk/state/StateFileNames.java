package org.fafbulk.state;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The names faf keeps for its own files in an output directory, which no map folder may take. */
public final class StateFileNames {
  /** The state files, beside the map folders. */
  public static final List<String> STATE_FILES =
      List.of(
          CheckpointStore.FILE_NAME,
          FailureLog.FILE_NAME,
          MapsIndex.FILE_NAME,
          OutputLock.FILE_NAME);

  /**
   * What every other name faf writes there starts with: {@code .faf.lock}, the temporary files and
   * folders ({@code .faf-tmp-*}) and the folder for broken maps ({@code .faf-broken}).
   */
  public static final String RESERVED_PREFIX = ".faf";

  private StateFileNames() {}

  /** Whether {@code name} is one faf keeps for itself; case-insensitive, as some disks are. */
  public static boolean isReserved(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return STATE_FILES.contains(lower) || lower.startsWith(RESERVED_PREFIX);
  }

  /**
   * Refuses an output directory where a folder sits under a state file's name (left by an older
   * version or by hand), naming the folder to move aside, instead of failing on "Is a directory".
   */
  public static void requireNoFolders(Path outputDir) throws StateFileException {
    for (String name : STATE_FILES) {
      Path path = outputDir.resolve(name);
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new StateFileException(
            path
                + " is a folder, but faf keeps its "
                + name
                + " file there; move the folder out of "
                + outputDir
                + " and run again");
      }
    }
  }
}
