package org.fafbulk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.fafbulk.download.Disk;
import org.fafbulk.state.CheckpointStore;
import org.fafbulk.state.MapRecord;
import org.fafbulk.state.MapsIndex;
import org.fafbulk.state.OutputLock;
import org.fafbulk.testing.ArchiveServer;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.TestJson;
import org.fafbulk.testing.UrlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void exitsZeroWhenEveryFolderIsAValidMap() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("maps"));
    MapArchives.installed(dir, "alpha.v0001");
    MapArchives.installed(dir, "beta.v0001");

    assertThat(verify(dir)).isZero();

    assertThat(out.toString())
        .contains("Checked 2 map folders")
        .contains("2 ok, 0 broken, 0 missing");
  }

  @Test
  void reportsBrokenFoldersAndCompletedMapsWhoseFolderIsMissing() throws IOException {
    Path dir = download("alpha.v0001", "beta.v0001", "gamma.v0001");
    Files.write(dir.resolve("alpha.v0001/alpha.v0001.scmap"), new byte[] {1, 2, 3});
    Disk.deleteRecursively(dir.resolve("beta.v0001"));

    assertThat(verify(dir)).isEqualTo(1);

    assertThat(out.toString().lines())
        .contains(
            "broken  alpha.v0001: alpha.v0001.scmap is truncated inside its header",
            "missing beta.v0001: completed, but its folder beta.v0001 is missing")
        .anyMatch(l -> l.contains("2 map folders") && l.contains("1 ok, 1 broken, 1 missing"));
    assertThat(dir.resolve("alpha.v0001")).isDirectory();
  }

  @Test
  void aFafMapIdWithoutAMapsJsonRecordIsNotTakenForAFolderName() throws IOException {
    // checkpoint.json may list a map before maps.json does (it is written more often), and
    // directories from before maps.json have no records at all: the id 1453 names no folder.
    Path dir = Files.createDirectories(tmp.resolve("maps"));
    MapArchives.installed(dir, "theta_passage_5.v0001");
    Files.writeString(
        dir.resolve(CheckpointStore.FILE_NAME),
        """
        {"completed": ["1453"], "in_progress": [], "timestamp": "2026-11-26T00:00:00Z",
         "filters": {}, "limit": null}
        """);

    assertThat(verify(dir)).as(out.toString()).isZero();
    assertThat(out.toString()).contains("1 ok, 0 broken, 0 missing");
  }

  @Test
  void repairMovesBrokenFoldersAsideAndForgetsThemSoTheNextRunFetchesThemAgain()
      throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path dir = download(server, "alpha.v0001", "beta.v0001", "gamma.v0001");
      Files.delete(dir.resolve("alpha.v0001/alpha.v0001_scenario.lua"));
      Disk.deleteRecursively(dir.resolve("beta.v0001"));

      assertThat(verify(dir, "--repair")).isEqualTo(1);

      assertThat(dir.resolve("alpha.v0001")).doesNotExist();
      try (Stream<Path> aside = Files.list(dir.resolve(".faf-broken"))) {
        assertThat(aside.map(p -> p.getFileName().toString()))
            .singleElement()
            .satisfies(name -> assertThat(name).startsWith("alpha.v0001-"));
      }
      assertThat(out.toString()).contains("moved aside to .faf-broken/alpha.v0001-");
      assertThat(CheckpointStore.load(TestJson.FILES, dir).orElseThrow().completed())
          .containsExactly("gamma.v0001");
      assertThat(MapsIndex.load(TestJson.FILES, dir))
          .extracting(MapRecord::folder)
          .containsExactly("gamma.v0001");

      out.getBuffer().setLength(0);
      assertThat(verify(dir)).isZero();
      assertThat(run("bulk-download", "--resume", "--json", "--output-dir", dir.toString()))
          .isZero();
      assertThat(out.toString()).contains("\"downloaded\":2,\"skipped\":1");
    }
  }

  @Test
  void repairRefusesWhileAnotherRunHoldsTheOutputDirectory() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("maps"));
    Files.createDirectories(dir.resolve("not_a_map"));

    try (OutputLock lock = OutputLock.acquire(dir)) {
      assertThat(verify(dir, "--repair")).isEqualTo(3);
      assertThat(lock).isNotNull();
    }

    assertThat(err.toString()).contains("another faf run is using");
    assertThat(dir.resolve("not_a_map")).isDirectory();
  }

  @Test
  void rejectsAnOutputDirectoryThatDoesNotExist() {
    assertThat(verify(tmp.resolve("nowhere"))).isEqualTo(2);

    assertThat(err.toString()).contains("is not a directory");
  }

  private Path download(String... folders) throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      return download(server, folders);
    }
  }

  private Path download(ArchiveServer server, String... folders) throws IOException {
    Path dir = tmp.resolve("maps");
    Path urls = UrlFile.write(tmp, Stream.of(folders).map(server::addMap).toList());
    CliRun run = CliRun.bulkDownload(urls, dir, "--quiet");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return dir;
  }

  private int verify(Path dir, String... more) {
    String[] args = new String[more.length + 3];
    args[0] = "verify";
    args[1] = "--output-dir";
    args[2] = dir.toString();
    System.arraycopy(more, 0, args, 3, more.length);
    return run(args);
  }

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), args);
  }
}
