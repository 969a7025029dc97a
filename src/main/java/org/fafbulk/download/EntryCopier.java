package org.fafbulk.download;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Writes the entries of one archive from the bytes {@link ZipDirectory} located, counting what is
 * really written: an entry must inflate to exactly its declared size and CRC, and the archive as a
 * whole to no more than the limits allow. One {@link Inflater} serves every entry; close ends it.
 */
final class EntryCopier implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  private final ArchiveBytes archive;
  private final long budget;
  private final Inflater inflater = new Inflater(true);
  private final byte[] input;
  private final byte[] output;
  private final CRC32 crc = new CRC32();
  private long written;
  private long entryWritten;

  /**
   * Copies {@code entries} from {@code archive}, writing at most {@code budget} bytes in all. The
   * buffers are no larger than the largest entry needs: most of a small map's entries are a few KB,
   * and 128 KB of buffers per map was most of what a run allocated.
   */
  EntryCopier(ArchiveBytes archive, long budget, List<ZipDirectory.Entry> entries) {
    this.archive = archive;
    this.budget = budget;
    long compressed = 1;
    long size = 1;
    for (ZipDirectory.Entry entry : entries) {
      compressed = Math.max(compressed, entry.compressedSize());
      size = Math.max(size, entry.size());
    }
    this.input = new byte[(int) Math.min(BUFFER, compressed)];
    this.output = new byte[(int) Math.min(BUFFER, size)];
  }

  long written() {
    return written;
  }

  /**
   * Writes {@code entry} to {@code out}, without a flush: the caller flushes the whole map folder
   * before it takes its final name (see {@link FolderFlush}).
   */
  void copy(ZipDirectory.Entry entry, Path out) throws IOException, MapFailure {
    crc.reset();
    entryWritten = 0;
    try (FileOutputStream os = new FileOutputStream(out.toFile())) {
      if (entry.method() == ZipDirectory.STORED) {
        stored(entry, os);
      } else {
        inflated(entry, os);
      }
    }
    if (entryWritten != entry.size()) {
      throw corrupt(entry, "inflates to " + entryWritten + " bytes, not " + entry.size());
    }
    if (crc.getValue() != entry.crc()) {
      throw corrupt(entry, "fails its CRC-32 check");
    }
  }

  private void stored(ZipDirectory.Entry entry, FileOutputStream os)
      throws IOException, MapFailure {
    long position = entry.dataOffset();
    while (position < entry.dataEnd()) {
      int n = read(position, entry.dataEnd());
      position += n;
      write(entry, os, input, n);
    }
  }

  private void inflated(ZipDirectory.Entry entry, FileOutputStream os)
      throws IOException, MapFailure {
    inflater.reset();
    long position = entry.dataOffset();
    boolean padded = false;
    try {
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          if (position < entry.dataEnd()) {
            int n = read(position, entry.dataEnd());
            position += n;
            inflater.setInput(input, 0, n);
          } else if (!padded) {
            // Raw inflate may want one byte past the stream to see its end, as ZipFile gives it.
            padded = true;
            inflater.setInput(new byte[1]);
          } else {
            throw corrupt(entry, "ends before its compressed data does");
          }
        }
        if (inflater.needsDictionary()) {
          throw corrupt(entry, "asks for a preset dictionary");
        }
        int n = inflater.inflate(output);
        write(entry, os, output, n);
      }
    } catch (DataFormatException e) {
      throw corrupt(entry, "holds invalid compressed data");
    }
  }

  private int read(long position, long end) throws IOException {
    int length = (int) Math.min(input.length, end - position);
    ByteBuffer buffer = ByteBuffer.wrap(input, 0, length);
    while (buffer.hasRemaining()) {
      if (archive.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of archive");
      }
    }
    return length;
  }

  private void write(ZipDirectory.Entry entry, FileOutputStream os, byte[] bytes, int n)
      throws IOException, MapFailure {
    if (n <= 0) {
      return;
    }
    if (entryWritten + n > entry.size()) {
      throw MapFailure.rejected(
          "zip bomb: entry '"
              + FolderNames.printable(entry.name())
              + "' expands beyond its declared size");
    }
    if (written + n > budget) {
      throw MapFailure.rejected(
          String.format(
              Locale.ROOT,
              "zip bomb: entry '%s' writes past the limit of %,d bytes for this archive",
              FolderNames.printable(entry.name()),
              budget));
    }
    written += n;
    entryWritten += n;
    crc.update(bytes, 0, n);
    os.write(bytes, 0, n);
  }

  private static MapFailure corrupt(ZipDirectory.Entry entry, String what) {
    return MapFailure.rejected(
        "archive is corrupt (entry '" + FolderNames.printable(entry.name()) + "' " + what + ")");
  }

  @Override
  public void close() {
    inflater.end();
  }
}
