package org.fafbulk.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An OS lock on {@code .faf.lock} in the output directory, so that two runs never share one; the OS
 * releases it when the process dies, so a crash never leaves a stale lock.
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE_NAME = ".faf.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static OutputLock acquire(Path outputDir) throws StateFileException {
    StateFileNames.requireNoFolders(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS); // a planted link must not make us create its target
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new OverlappingFileLockException();
      }
      return new OutputLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new StateFileException(
          "another faf run is using "
              + outputDir
              + " (it holds "
              + FILE_NAME
              + "); wait for it to finish or choose another --output-dir",
          e);
    } catch (IOException e) {
      closeQuietly(channel);
      Optional<StateFileException> link = Symlinks.ifLink(file, e);
      if (link.isPresent()) {
        throw link.get();
      }
      throw new StateFileException(
          "cannot write to the output directory "
              + outputDir
              + ": "
              + e.getMessage()
              + "; check its permissions or choose another --output-dir",
          e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }
}
