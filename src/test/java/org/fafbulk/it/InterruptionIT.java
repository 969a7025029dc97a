package org.fafbulk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.testing.FafProcess;
import org.fafbulk.testing.RunOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C, SIGTERM and a second run on the same directory, against the real process. The server
 * holds every download (a byte at a time) until a test releases it, so what is running when a
 * signal lands is decided by the test, not by how fast the machine is.
 */
@Tag("integration")
class InterruptionIT {
  private static final int CONCURRENCY = 2;
  private static final String STOPPING = "faf: stopping: no new downloads";

  @TempDir static Path work;
  private static ThrottledServer server;
  private static ArchiveFolder archives;

  @BeforeAll
  static void serveArchives() throws IOException {
    archives = ArchiveFolder.generate(work, "slow", 12, i -> 150_000);
    server = new ThrottledServer(archives.folder(), 8 * 1024, 75);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void holdDownloads() {
    server.hold(true);
  }

  @AfterEach
  void releaseDownloads() {
    server.hold(false);
  }

  private static FafProcess start(Path out, String log) throws IOException {
    return FafProcess.start(
        work.resolve(log), archives.bulkDownload(server.baseUrl(), out, CONCURRENCY));
  }

  /**
   * Waits until the first downloads have reached the server. faf installs its signal handlers
   * before it starts a download, so from then on a signal meets them and not the JVM's default.
   */
  private static void awaitRunningDownloads(FafProcess run, int requestsBefore) throws Exception {
    assertThat(run.awaitWhileRunning(() -> server.requests() - requestsBefore >= CONCURRENCY))
        .as("%d downloads reach the server; %s", CONCURRENCY, run.output())
        .isTrue();
  }

  @Test
  void sigtermLetsRunningDownloadsFinishThenExits130() throws Exception {
    Path out = work.resolve("term");
    int requestsBefore = server.requests();
    FafProcess run = start(out, "term.log");
    awaitRunningDownloads(run, requestsBefore);
    run.terminate();
    run.awaitOutput(STOPPING);
    server.hold(false);

    assertThat(run.waitFor()).as(run.output()).isEqualTo(130);
    assertThat(run.output()).contains("Interrupted:").contains("--resume");
    assertThat(server.requests() - requestsBefore)
        .as("no download started after the signal")
        .isEqualTo(CONCURRENCY);
    JsonNode checkpoint = RunOutput.checkpoint(out);
    assertThat(checkpoint.get("in_progress")).as("running downloads were let finish").isEmpty();
    assertThat(checkpoint.get("completed")).hasSize(CONCURRENCY);
    for (JsonNode id : checkpoint.get("completed")) {
      MapVerifier.verify(out.resolve(id.asText()));
    }
    assertThat(RunOutput.failures(out)).isEmpty();
  }

  @Test
  void secondCtrlCAbandonsRunningDownloads() throws Exception {
    Path out = work.resolve("int");
    int requestsBefore = server.requests();
    FafProcess run = start(out, "int.log");
    awaitRunningDownloads(run, requestsBefore);
    run.interrupt();
    run.awaitOutput(STOPPING);
    run.interrupt();

    // The server still holds both downloads: only abandoning them lets the process end.
    assertThat(run.waitFor()).as(run.output()).isEqualTo(130);
    assertThat(run.output()).contains("abandoning").contains("Interrupted:");
    JsonNode checkpoint = RunOutput.checkpoint(out);
    assertThat(checkpoint.get("completed")).isEmpty();
    assertThat(checkpoint.get("in_progress")).hasSize(CONCURRENCY);
    assertThat(RunOutput.mapFolders(out)).isEmpty();
  }

  @Test
  void secondRunOnTheSameDirectoryFailsAtOnceAndLeavesTheFirstAlone() throws Exception {
    Path out = work.resolve("locked");
    int requestsBefore = server.requests();
    FafProcess first = start(out, "first.log");
    awaitRunningDownloads(first, requestsBefore);

    FafProcess second = start(out, "second.log");
    assertThat(second.waitFor()).as(second.output()).isEqualTo(3);
    assertThat(second.output()).contains("another faf run is using");
    assertThat(first.isAlive()).isTrue();

    first.terminate();
    first.awaitOutput(STOPPING);
    server.hold(false);
    assertThat(first.waitFor()).as(first.output()).isEqualTo(130);
    assertThat(first.output()).contains("0 failed");
    assertThat(RunOutput.failures(out)).isEmpty();
  }
}
