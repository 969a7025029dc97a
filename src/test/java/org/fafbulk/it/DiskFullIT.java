package org.fafbulk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.fafbulk.cli.Main;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.testing.MapArchives;
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

    Path archives = Files.createDirectories(work.resolve("archives"));
    List<String> names =
        IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("big_%02d.v0001", i)).toList();
    for (int i = 0; i < names.size(); i++) {
      Files.write(
          archives.resolve(names.get(i) + ".zip"), MapArchives.valid(names.get(i), 400_000, i));
    }
    Path urlFile = work.resolve("urls.txt");
    Files.write(urlFile, names);
    Path out = target.resolve("maps");

    StringWriter err = new StringWriter();
    int exit;
    try (ThrottledServer server = new ThrottledServer(archives, 64 * 1024, 0)) {
      exit =
          Main.run(
              new PrintWriter(new StringWriter()),
              new PrintWriter(err, true),
              Map.of(),
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
              "2",
              "--retries",
              "0");
    }

    assertThat(exit).as(err.toString()).isEqualTo(3);
    assertThat(err.toString()).contains("disk is full").contains("--resume");
    assertThat(err.toString().lines().count()).isEqualTo(1);
    try (Stream<Path> entries = Files.list(out)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry) && !name.startsWith(".")) {
          MapVerifier.verify(entry);
        }
      }
    }
    Path failures = out.resolve("failures.json");
    if (Files.exists(failures)) {
      assertThat(new ObjectMapper().readTree(failures.toFile())).isEmpty();
    }
  }
}
