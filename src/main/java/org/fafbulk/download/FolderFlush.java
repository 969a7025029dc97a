package org.fafbulk.download;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fafbulk.state.AtomicFiles;

/**
 * Makes whole folders durable at once, so that extraction never waits on the disk: the extracted
 * files are written without a flush and a batch of folders is flushed before any of them is renamed
 * into place (git's {@code core.fsyncMethod=batch}, a database's group commit).
 */
public interface FolderFlush {
  /** Returns once every file and directory entry under {@code folders} is on stable storage. */
  void flush(List<Path> folders) throws IOException;

  /**
   * Makes the renames inside {@code dir} durable: called once after a batch of folders took their
   * final names.
   */
  default void syncDirectory(Path dir) {
    AtomicFiles.syncDirectory(dir);
  }

  /** A short name for logs and benchmarks. */
  String name();

  /**
   * The fastest flush that works in {@code dir}: one {@code syncfs} for the whole batch through
   * coreutils' {@code sync -f}, or, where that program is missing, one fsync per file and folder.
   */
  static FolderFlush forDirectory(Path dir) {
    return SyncFs.available() ? new SyncFs(dir) : new PerFile();
  }

  /**
   * One {@code syncfs(2)} of the file system that holds the output directory: the kernel writes
   * back every dirty page and commits its journal once, however many files the batch holds.
   */
  final class SyncFs implements FolderFlush {
    private static final long TIMEOUT_MINUTES = 10;
    private final Path dir;

    SyncFs(Path dir) {
      this.dir = dir;
    }

    /** Whether this machine's {@code sync} takes {@code -f} (GNU coreutils 8.24+, BusyBox). */
    static boolean available() {
      try {
        Process help = new ProcessBuilder("sync", "--help").redirectErrorStream(true).start();
        String usage;
        try (BufferedReader reader = help.inputReader(StandardCharsets.UTF_8)) {
          usage = reader.lines().collect(Collectors.joining("\n"));
        }
        help.waitFor(1, TimeUnit.MINUTES);
        return usage.contains("-f");
      } catch (IOException e) {
        return false; // no sync program at all
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public void flush(List<Path> folders) throws IOException {
      Process sync =
          new ProcessBuilder("sync", "-f", dir.toString()).redirectErrorStream(true).start();
      try {
        // Wait first, read after: sync prints at most a line, and reading to the end of its output
        // would wait as long as sync itself, past any timeout.
        if (!sync.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          sync.destroyForcibly();
          throw new IOException(
              "sync -f " + dir + " did not finish in " + TIMEOUT_MINUTES + " min");
        }
        if (sync.exitValue() != 0) {
          String output;
          try (BufferedReader reader = sync.inputReader(StandardCharsets.UTF_8)) {
            output = reader.lines().collect(Collectors.joining(" "));
          }
          throw new IOException("sync -f " + dir + " failed: " + output);
        }
      } catch (InterruptedException e) {
        sync.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while flushing " + dir, e);
      }
    }

    @Override
    public String name() {
      return "syncfs";
    }
  }

  /** An fsync of every file and directory: slower, but needs nothing beyond the JDK. */
  final class PerFile implements FolderFlush {
    @Override
    public void flush(List<Path> folders) throws IOException {
      for (Path folder : folders) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
          paths = walk.toList();
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        // Files first, then their directories from the deepest up, as a directory's entries only
        // matter once the files they name hold their data.
        for (int i = paths.size() - 1; i >= 0; i--) {
          force(paths.get(i));
        }
      }
    }

    private static void force(Path path) throws IOException {
      if (Files.isDirectory(path)) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
          channel.force(true);
        } catch (IOException e) {
          // Some file systems cannot sync a directory; their renames are atomic all the same.
        }
        return;
      }
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    }

    @Override
    public String name() {
      return "fsync per file";
    }
  }
}
