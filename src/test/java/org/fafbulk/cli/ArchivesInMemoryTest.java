package org.fafbulk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fafbulk.testing.ArchiveServer;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.UrlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What bulk-download promises about archives and the disk: one within the memory bound, which
 * shrinks as workers are added, never becomes a file in the output directory; a larger one does.
 * Every name created in the output directory is watched (inotify keeps them in order), up to the
 * map folder renamed into place last.
 */
class ArchivesInMemoryTest {
  private static final String FOLDER = "big.v0001";

  @TempDir Path tmp;

  @Test
  void anArchiveWithinTheBoundOfFourWorkersNeverBecomesAFile() throws Exception {
    assertThat(namesCreatedDownloading(5 << 20, "4")).noneMatch(n -> n.contains("tmp-archive"));
  }

  @Test
  void theSameArchiveWithEightWorkersGoesThroughAFile() throws Exception {
    assertThat(namesCreatedDownloading(5 << 20, "8")).anyMatch(n -> n.contains("tmp-archive"));
  }

  /** Downloads one map of about {@code bytes} with {@code concurrency} workers. */
  private List<String> namesCreatedDownloading(int bytes, String concurrency) throws Exception {
    Path out = Files.createDirectories(tmp.resolve("maps"));
    try (ArchiveServer server = ArchiveServer.start();
        WatchService watcher = out.getFileSystem().newWatchService()) {
      server.serve("/maps/" + FOLDER + ".zip", MapArchives.valid(FOLDER, bytes, 7));
      Path urls = UrlFile.write(tmp, server.url(FOLDER));
      out.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);

      CliRun run = CliRun.bulkDownload(urls, out, "--concurrency", concurrency, "--quiet");

      assertThat(run.exitCode()).as(run.err()).isZero();
      return createdUpTo(watcher, FOLDER);
    }
  }

  private static List<String> createdUpTo(WatchService watcher, String last)
      throws InterruptedException, IOException {
    List<String> names = new ArrayList<>();
    while (!names.contains(last)) {
      WatchKey key = watcher.poll(30, TimeUnit.SECONDS);
      if (key == null) {
        throw new IOException("no creation of " + last + " seen; saw " + names);
      }
      for (WatchEvent<?> event : key.pollEvents()) {
        names.add(String.valueOf(event.context()));
      }
      key.reset();
    }
    return names;
  }
}
