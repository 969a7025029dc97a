package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fafbulk.testing.RunOutput.mapFolders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fafbulk.download.FolderFlush;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a power cut can leave behind. A power cut keeps only what was flushed: the content of the
 * folders a {@link FolderFlush} was asked to flush, the directory entries as of the last directory
 * sync, and checkpoint.json as last written (it is written with its own fsync). This test plays the
 * cut at every flush and every directory sync of a real run, and checks what would survive:
 *
 * <ul>
 *   <li>every folder under a final name holds exactly what was flushed for it: never a file whose
 *       data was still in the page cache;
 *   <li>checkpoint.json names only maps whose final folder had survived;
 *   <li>what may be lost is a staged map (a temporary folder, removed by the next run) or a rename
 *       not yet synced; the map is then fetched again, never half-present.
 * </ul>
 */
class PowerCutTest {
  @TempDir Path dir;

  /** A disk that remembers what was made durable, and checks every crash point against it. */
  private final class PowerCutDisk implements FolderFlush {
    final Set<String> flushedContents = new HashSet<>();
    final List<String> violations = new ArrayList<>();
    int crashPoints;
    int flushes;
    private Set<String> durableFolders = Set.of();

    @Override
    public synchronized void flush(List<Path> folders) {
      flushes++;
      for (Path folder : folders) {
        flushedContents.add(fingerprint(folder));
      }
      crashPoint();
    }

    @Override
    public synchronized void syncDirectory(Path outputDir) {
      try {
        Set<String> now = new HashSet<>();
        for (String name : mapFolders(outputDir)) {
          if (!flushedContents.contains(fingerprint(outputDir.resolve(name)))) {
            violations.add(name + " took its final name without its files being flushed");
          }
          now.add(name);
        }
        durableFolders = now;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      crashPoint();
    }

    /** The power goes now: does the checkpoint on disk name only folders that survive? */
    private void crashPoint() {
      crashPoints++;
      Path checkpoint = dir.resolve("checkpoint.json");
      if (!Files.exists(checkpoint)) {
        return;
      }
      try {
        JsonNode completed = new ObjectMapper().readTree(checkpoint.toFile()).get("completed");
        for (JsonNode id : completed) {
          String folder = "map_" + id.asText() + ".v0001";
          if (!durableFolders.contains(folder)) {
            violations.add("checkpoint.json names " + folder + " before its folder was durable");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String name() {
      return "power-cut simulation";
    }
  }

  /** The names and bytes of every file under {@code folder}, independent of its own name. */
  private static String fingerprint(Path folder) {
    TreeMap<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            folder.relativize(file).toString(),
            java.util.Arrays.toString(Files.readAllBytes(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files.toString();
  }

  private RunSummary run(FolderFlush flush, int maps) throws IOException {
    return TestRuns.downloader(
            dir, 4, new StagingWorker(), flush, new StopSignal(), new StringWriter())
        .run(new ListTargets(StagingWorker.targets(maps)), TestRuns.selection());
  }

  @Test
  void noCrashPointLeavesAnUnflushedFolderOrACheckpointAheadOfTheDisk() throws IOException {
    PowerCutDisk disk = new PowerCutDisk();

    RunSummary summary = run(disk, 40);

    assertThat(summary.downloaded()).isEqualTo(40);
    assertThat(disk.violations).isEmpty();
    assertThat(disk.crashPoints).isGreaterThanOrEqualTo(2);
    assertThat(disk.flushedContents).hasSize(40);
    assertThat(disk.flushes).isBetween(1, 40);
    assertThat(mapFolders(dir)).hasSize(40);
  }

  @Test
  void theSimulationCatchesAFolderRenamedBeforeItsFlush() throws IOException {
    PowerCutDisk disk = new PowerCutDisk();
    Path unflushed = Files.createDirectories(dir.resolve("map_1.v0001"));
    Files.writeString(unflushed.resolve("map_1.v0001.scmap"), "still in the page cache");

    disk.syncDirectory(dir);

    assertThat(disk.violations)
        .containsExactly("map_1.v0001 took its final name without its files being flushed");
  }
}
