package org.fafbulk.download;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Reads a {@link DownloadedArchive} whole, wherever it is held, for tests in other packages. */
public final class DownloadedBytes {
  private DownloadedBytes() {}

  public static byte[] of(DownloadedArchive archive) throws IOException {
    try (ArchiveBytes bytes = archive.open()) {
      ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(bytes.size()));
      while (all.hasRemaining()) {
        if (bytes.read(all, all.position()) < 0) {
          throw new IOException("archive ends at " + all.position() + " of " + bytes.size());
        }
      }
      return all.array();
    }
  }
}
