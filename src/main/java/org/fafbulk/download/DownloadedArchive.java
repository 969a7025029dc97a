package org.fafbulk.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An archive as {@link ArchiveFetcher} received it: in memory when small, otherwise in a temporary
 * file beside the maps. Closing it frees the memory or deletes the file; it is read and closed on
 * the thread that fetched it.
 */
public abstract sealed class DownloadedArchive implements AutoCloseable {
  private final long bytes;
  private boolean closed;

  private DownloadedArchive(long bytes) {
    this.bytes = bytes;
  }

  static DownloadedArchive inFile(Path file, long bytes) {
    return new InFile(file, bytes);
  }

  static DownloadedArchive inMemory(ArchiveMemory.Lease memory, long bytes) {
    return new InMemory(memory, bytes);
  }

  /** The archive's size as received. */
  public long bytes() {
    return bytes;
  }

  /** The temporary file that holds the archive; empty when it is held in memory. */
  abstract Optional<Path> file();

  /** Reads the archive by position; the reader must be closed before this archive is. */
  final ArchiveBytes open() throws IOException {
    if (closed) {
      throw new IllegalStateException("archive read after it was closed");
    }
    return reader();
  }

  abstract ArchiveBytes reader() throws IOException;

  abstract void release() throws IOException;

  @Override
  public final void close() throws IOException {
    if (!closed) {
      closed = true;
      release();
    }
  }

  /** An archive in a thread's buffer. */
  private static final class InMemory extends DownloadedArchive {
    private final ArchiveMemory.Lease memory;

    InMemory(ArchiveMemory.Lease memory, long bytes) {
      super(bytes);
      this.memory = memory;
    }

    @Override
    Optional<Path> file() {
      return Optional.empty();
    }

    @Override
    ArchiveBytes reader() {
      return ArchiveBytes.of(memory.buffer());
    }

    @Override
    void release() {
      memory.close();
    }
  }

  /** An archive in a temporary file. */
  private static final class InFile extends DownloadedArchive {
    private final Path file;

    InFile(Path file, long bytes) {
      super(bytes);
      this.file = file;
    }

    @Override
    Optional<Path> file() {
      return Optional.of(file);
    }

    @Override
    ArchiveBytes reader() throws IOException {
      return ArchiveBytes.open(file);
    }

    @Override
    void release() throws IOException {
      Files.deleteIfExists(file);
    }
  }
}
