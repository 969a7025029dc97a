package org.fafbulk.download;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fafbulk.state.AtomicFiles;
import org.fafbulk.state.CollocatedTempFile;

/**
 * Turns a downloaded archive into a map folder in two steps: {@link #stage} extracts and verifies
 * it in a temporary folder beside the target, {@link #publish} renames it into place once it is
 * durable. A folder under its final name is therefore always a complete, verified map.
 */
public final class MapInstaller {
  private final ArchiveLimits limits;

  public MapInstaller(ArchiveLimits limits) {
    this.limits = limits;
  }

  /** A map extracted and verified under a temporary name, not yet flushed nor in place. */
  public record Staged(String folder, Path staging, MapVerifier.VerifiedMap map, long bytes) {}

  /** A map installed under {@code outputDir/folder}. */
  public record Installed(String folder, Path path, MapVerifier.VerifiedMap map, long bytes) {}

  /**
   * Extracts {@code archive} into a temporary folder of {@code outputDir} and verifies it; the
   * folder it will take is {@code expectedFolder} when known (the API's folderName) and the
   * archive's own top folder otherwise. Nothing is flushed: that is {@link #publish}'s job, once
   * for a whole batch.
   */
  public Staged stage(DownloadedArchive archive, Path outputDir, Optional<String> expectedFolder)
      throws MapFailure {
    try (ArchiveBytes bytes = archive.open()) {
      return stage(bytes, outputDir, expectedFolder);
    } catch (IOException e) {
      throw Disk.classify("cannot read the downloaded archive", e, outputDir);
    }
  }

  /** {@link #stage(DownloadedArchive, Path, Optional)} for an archive in a file. */
  Staged stage(Path archive, Path outputDir, Optional<String> expectedFolder) throws MapFailure {
    try (ArchiveBytes bytes = ArchiveBytes.open(archive)) {
      return stage(bytes, outputDir, expectedFolder);
    } catch (IOException e) {
      throw Disk.classify("cannot read " + archive, e, outputDir);
    }
  }

  private Staged stage(ArchiveBytes archive, Path outputDir, Optional<String> expectedFolder)
      throws MapFailure {
    try (CollocatedTempFile staging = CollocatedTempFile.folder(outputDir, "map-")) {
      AtomicFiles.makeReadable(staging.path(), AtomicFiles.DIR_PERMISSIONS);
      MapExtractor.Extracted extracted = MapExtractor.extract(archive, staging.path(), limits);
      String folder = expectedFolder.orElse(extracted.archiveFolder());
      if (folder.isEmpty()) {
        throw MapFailure.rejected("archive has its files at the root and no folder name is known");
      }
      Optional<String> unsafe = FolderNames.problem(folder);
      if (unsafe.isPresent()) {
        throw MapFailure.rejected(
            "folder name '" + FolderNames.printable(folder) + "' " + unsafe.get());
      }
      MapVerifier.VerifiedMap verified = MapVerifier.verify(staging.path());
      return new Staged(folder, staging.handOver(), verified, extracted.bytes());
    } catch (IOException e) {
      throw Disk.classify("cannot install into " + outputDir, e, outputDir);
    }
  }

  /**
   * Renames a staged map into place. The caller has flushed it (see {@link FolderFlush}) and syncs
   * {@code outputDir} afterwards, once for every map it publishes. On failure the staged folder is
   * removed.
   */
  public static Installed publish(Staged staged, Path outputDir) throws MapFailure {
    Path target = outputDir.resolve(staged.folder());
    try {
      if (Files.exists(target)) {
        throw MapFailure.rejected("folder " + staged.folder() + " already exists in " + outputDir);
      }
      AtomicFiles.rename(staged.staging(), target);
      return new Installed(staged.folder(), target, relocate(staged.map(), target), staged.bytes());
    } catch (FileAlreadyExistsException e) {
      throw MapFailure.rejected("folder " + e.getFile() + " already exists");
    } catch (IOException e) {
      throw Disk.classify("cannot install into " + outputDir, e, outputDir);
    } finally {
      Disk.deleteRecursively(staged.staging());
    }
  }

  /** Stages, flushes and publishes one map: what a single download needs. */
  public Installed install(
      DownloadedArchive archive, Path outputDir, Optional<String> expectedFolder)
      throws MapFailure {
    return commit(stage(archive, outputDir, expectedFolder), outputDir);
  }

  /** {@link #install(DownloadedArchive, Path, Optional)} for an archive in a file. */
  Installed install(Path archive, Path outputDir, Optional<String> expectedFolder)
      throws MapFailure {
    return commit(stage(archive, outputDir, expectedFolder), outputDir);
  }

  private static Installed commit(Staged staged, Path outputDir) throws MapFailure {
    try {
      FolderFlush.forDirectory(outputDir).flush(List.of(staged.staging()));
    } catch (IOException e) {
      Disk.deleteRecursively(staged.staging());
      throw Disk.classify("cannot flush " + staged.folder() + " to disk", e, outputDir);
    }
    Installed installed = publish(staged, outputDir);
    AtomicFiles.syncDirectory(outputDir);
    return installed;
  }

  private static MapVerifier.VerifiedMap relocate(MapVerifier.VerifiedMap map, Path target) {
    return new MapVerifier.VerifiedMap(
        target.resolve(map.scmap().getFileName()),
        map.header(),
        target.resolve(map.scenario().getFileName()));
  }
}
