package org.fafbulk.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An archive as {@link ArchiveFetcher} received it: in memory when small, otherwise in a temporary
 * file beside the maps. Closing it frees the memory or deletes the file.
 */
public final class DownloadedArchive implements AutoCloseable {
  private final long bytes;
  private final Optional<Path> file;
  private final ArchiveMemory.Lease memory;

  private DownloadedArchive(long bytes, Optional<Path> file, ArchiveMemory.Lease memory) {
    this.bytes = bytes;
    this.file = file;
    this.memory = memory;
  }

  static DownloadedArchive inFile(Path file, long bytes) {
    return new DownloadedArchive(bytes, Optional.of(file), null);
  }

  static DownloadedArchive inMemory(ArchiveMemory.Lease memory) {
    return new DownloadedArchive(memory.buffer().limit(), Optional.empty(), memory);
  }

  /** The archive's size as received. */
  public long bytes() {
    return bytes;
  }

  /** The temporary file that holds the archive; empty when it is held in memory. */
  public Optional<Path> file() {
    return file;
  }

  /** Reads the archive by position; the reader must be closed before this archive is. */
  ArchiveBytes open() throws IOException {
    return file.isPresent() ? ArchiveBytes.open(file.get()) : ArchiveBytes.of(memory.buffer());
  }

  @Override
  public void close() throws IOException {
    if (memory != null) {
      memory.close();
    } else {
      Files.deleteIfExists(file.get());
    }
  }
}
