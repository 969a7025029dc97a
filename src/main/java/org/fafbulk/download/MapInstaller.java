package org.fafbulk.download;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.fafbulk.state.AtomicFiles;

/**
 * Turns a downloaded archive into a map folder: extracts into a temporary folder beside the target,
 * verifies it, then renames it into place, so that a folder under its final name is always a
 * complete, verified map.
 */
public final class MapInstaller {
  private final ArchiveLimits limits;

  public MapInstaller(ArchiveLimits limits) {
    this.limits = limits;
  }

  /** A map installed under {@code outputDir/folder}. */
  public record Installed(String folder, Path path, MapVerifier.VerifiedMap map, long bytes) {}

  /**
   * Installs {@code archive} as {@code outputDir/<folder>}, where the folder is {@code
   * expectedFolder} when known (the API's folderName) and the archive's own top folder otherwise.
   */
  public Installed install(Path archive, Path outputDir, Optional<String> expectedFolder)
      throws MapFailure {
    Path staging = null;
    try {
      staging = Files.createTempDirectory(outputDir, AtomicFiles.TEMP_PREFIX + "map-");
      AtomicFiles.makeReadable(staging, AtomicFiles.DIR_PERMISSIONS);
      MapExtractor.Extracted extracted = MapExtractor.extract(archive, staging, limits);
      String folder = expectedFolder.orElse(extracted.archiveFolder());
      if (folder.isEmpty()) {
        throw MapFailure.rejected("archive has its files at the root and no folder name is known");
      }
      Optional<String> unsafe = FolderNames.problem(folder);
      if (unsafe.isPresent()) {
        throw MapFailure.rejected(
            "folder name '" + FolderNames.printable(folder) + "' " + unsafe.get());
      }
      MapVerifier.VerifiedMap verified = MapVerifier.verify(staging);
      Path target = outputDir.resolve(folder);
      if (Files.exists(target)) {
        throw MapFailure.rejected("folder " + folder + " already exists in " + outputDir);
      }
      AtomicFiles.move(staging, target);
      staging = null;
      return new Installed(folder, target, relocate(verified, target), extracted.bytes());
    } catch (FileAlreadyExistsException e) {
      throw MapFailure.rejected("folder " + e.getFile() + " already exists");
    } catch (IOException e) {
      throw Disk.classify("cannot install into " + outputDir, e, outputDir);
    } finally {
      if (staging != null) {
        Disk.deleteRecursively(staging);
      }
    }
  }

  private static MapVerifier.VerifiedMap relocate(MapVerifier.VerifiedMap map, Path target) {
    return new MapVerifier.VerifiedMap(
        target.resolve(map.scmap().getFileName()),
        map.header(),
        target.resolve(map.scenario().getFileName()));
  }
}
