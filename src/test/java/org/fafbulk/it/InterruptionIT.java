package org.fafbulk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.testing.MapArchives;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C, SIGTERM and a second run on the same directory, against the real process. */
@Tag("integration")
class InterruptionIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static ThrottledServer server;
  private static Path urlFile;

  @BeforeAll
  static void serveArchives() throws IOException {
    Path archives = Files.createDirectories(work.resolve("archives"));
    List<String> names =
        IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("slow_%02d.v0001", i)).toList();
    for (int i = 0; i < names.size(); i++) {
      Files.write(
          archives.resolve(names.get(i) + ".zip"), MapArchives.valid(names.get(i), 150_000, i));
    }
    // About 1.5 s per map: long enough to be caught mid-download.
    server = new ThrottledServer(archives, 8 * 1024, 75);
    urlFile = work.resolve("urls.txt");
    Files.write(urlFile, names);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static FafProcess start(Path out, String log) throws IOException {
    return FafProcess.start(
        work.resolve(log),
        "bulk-download",
        "--url-file",
        urlFile.toString(),
        "--content-url",
        server.baseUrl(),
        "--output-dir",
        out.toString(),
        "--delay-ms",
        "0",
        "--concurrency",
        "2");
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

    JsonNode checkpoint = JSON.readTree(out.resolve("checkpoint.json").toFile());
    assertThat(checkpoint.get("in_progress")).as("running downloads were let finish").isEmpty();
    assertThat(checkpoint.get("completed")).hasSize(2);
    for (JsonNode id : checkpoint.get("completed")) {
      MapVerifier.verify(out.resolve(id.asText()));
    }
    assertThat(JSON.readTree(out.resolve("failures.json").toFile())).isEmpty();
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
      JsonNode checkpoint = JSON.readTree(out.resolve("checkpoint.json").toFile());
      assertThat(checkpoint.get("completed")).isEmpty();
      assertThat(checkpoint.get("in_progress")).hasSize(2);
      assertThat(mapFolders(out)).isEmpty();
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
    assertThat(JSON.readTree(out.resolve("failures.json").toFile())).isEmpty();
  }

  private static List<Path> mapFolders(Path out) throws IOException {
    try (Stream<Path> entries = Files.list(out)) {
      return entries
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .toList();
    }
  }
}
