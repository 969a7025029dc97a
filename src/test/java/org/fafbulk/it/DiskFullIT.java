package org.fafbulk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.RunOutput;
import org.fafbulk.testing.SmallTmpfs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fills up mid-run: a small tmpfs, mounted where the machine allows it (root). */
@Tag("integration")
class DiskFullIT {
  @TempDir Path work;

  @Test
  void fullDiskStopsTheRunWithExit3AndLogsNoMapAsFailed() throws Exception {
    try (SmallTmpfs tiny = SmallTmpfs.mount(work.resolve("tiny"), "3m")) {
      fillsUp(tiny.path());
    }
  }

  private void fillsUp(Path target) throws Exception {
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
