package org.fafbulk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.testing.FafProcess;
import org.fafbulk.testing.RunOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C, SIGTERM and a second run on the same directory, against the real process. */
@Tag("integration")
class InterruptionIT {
  @TempDir static Path work;
  private static ThrottledServer server;
  private static ArchiveFolder archives;

  @BeforeAll
  static void serveArchives() throws IOException {
    archives = ArchiveFolder.generate(work, "slow", 12, i -> 150_000);
    // About 1.5 s per map: long enough to be caught mid-download.
    server = new ThrottledServer(archives.folder(), 8 * 1024, 75);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static FafProcess start(Path out, String log) throws IOException {
    return FafProcess.start(work.resolve(log), archives.bulkDownload(server.baseUrl(), out, 2));
  }

  @Test
  void sigtermLetsRunningDownloadsFinishThenExits130() throws Exception {
    Path out = work.resolve("term");
    FafProcess run = start(out, "term.log");
    Thread.sleep(1200);
    run.signal("TERM");
    long signalled = System.nanoTime();
    int exit = run.waitFor(20);
    assertThat(exit).as(run.output()).isEqualTo(130);
    assertThat((System.nanoTime() - signalled) / 1_000_000).isLessThan(5_000);
    assertThat(run.output()).contains("Interrupted:").contains("--resume");

    JsonNode checkpoint = RunOutput.checkpoint(out);
    assertThat(checkpoint.get("in_progress")).as("running downloads were let finish").isEmpty();
    assertThat(checkpoint.get("completed")).hasSize(2);
    for (JsonNode id : checkpoint.get("completed")) {
      MapVerifier.verify(out.resolve(id.asText()));
    }
    assertThat(RunOutput.failures(out)).isEmpty();
  }

  @Test
  void secondCtrlCAbandonsRunningDownloadsAtOnce() throws Exception {
    Path out = work.resolve("int");
    server.chunkDelay(400); // each map now takes several seconds
    try {
      FafProcess run = start(out, "int.log");
      Thread.sleep(1200);
      run.signal("INT");
      Thread.sleep(300);
      run.signal("INT");
      long signalled = System.nanoTime();
      int exit = run.waitFor(20);
      assertThat(exit).as(run.output()).isEqualTo(130);
      assertThat((System.nanoTime() - signalled) / 1_000_000).isLessThan(3_000);
      assertThat(run.output()).contains("abandoning").contains("Interrupted:");
      JsonNode checkpoint = RunOutput.checkpoint(out);
      assertThat(checkpoint.get("completed")).isEmpty();
      assertThat(checkpoint.get("in_progress")).hasSize(2);
      assertThat(RunOutput.mapFolders(out)).isEmpty();
    } finally {
      server.chunkDelay(75);
    }
  }

  @Test
  void secondRunOnTheSameDirectoryFailsAtOnceAndLeavesTheFirstAlone() throws Exception {
    Path out = work.resolve("locked");
    FafProcess first = start(out, "first.log");
    Thread.sleep(1500);
    FafProcess second = start(out, "second.log");
    assertThat(second.waitFor(10)).as(second.output()).isEqualTo(3);
    assertThat(second.output()).contains("another faf run is using");
    assertThat(first.isAlive()).isTrue();
    first.signal("TERM");
    assertThat(first.waitFor(20)).as(first.output()).isEqualTo(130);
    assertThat(first.output()).contains("0 failed");
    assertThat(RunOutput.failures(out)).isEmpty();
  }
}
