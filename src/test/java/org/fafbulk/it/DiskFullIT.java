package org.fafbulk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.RunOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fills up mid-run: a small tmpfs, mounted where the machine allows it (root). */
@Tag("integration")
class DiskFullIT {
  @TempDir Path work;
  private Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void fullDiskStopsTheRunWithExit3AndLogsNoMapAsFailed() throws Exception {
    Path target = Files.createDirectories(work.resolve("tiny"));
    Process mountProcess =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", target.toString())
            .redirectErrorStream(true)
            .start();
    assumeTrue(mountProcess.waitFor() == 0, "cannot mount a tmpfs here (needs root)");
    mount = target;

    ArchiveFolder archives = ArchiveFolder.generate(work, "big", 12, i -> 400_000);
    Path out = target.resolve("maps");

    CliRun run;
    try (ThrottledServer server = new ThrottledServer(archives.folder(), 64 * 1024, 0)) {
      run = CliRun.of(archives.bulkDownload(server.baseUrl(), out, 2, "--retries", "0"));
    }

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).contains("disk is full").contains("--resume");
    assertThat(run.err().lines().count()).isEqualTo(1);
    for (String folder : RunOutput.mapFolders(out)) {
      MapVerifier.verify(out.resolve(folder));
    }
    // failures.json is first written as the run starts, long before the disk fills, and a write
    // that fails on the full disk leaves the last complete one in place.
    JsonNode failures = RunOutput.failures(out);
    assertThat(failures.isArray()).as("failures.json is a JSON array: %s", failures).isTrue();
    assertThat(failures).as("no map is logged as failed").isEmpty();
  }
}
