package org.fafbulk.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * A zip's end of central directory record, found where its comment runs exactly to the end of the
 * file, and checked against what a map archive may be before the directory it names is read.
 *
 * @param position where the record starts in the file
 */
record ZipEndRecord(
    int disk,
    int cenDisk,
    int countOnDisk,
    int count,
    long cenSize,
    long cenOffset,
    long position) {
  private static final int SIGNATURE = 0x06054b50;
  private static final int SIZE = 22;
  private static final int MAX_COMMENT = 0xffff;

  /** Finds the end record, or throws a {@link MapFailure} if the archive has none. */
  static ZipEndRecord find(ArchiveBytes archive) throws IOException, MapFailure {
    long fileSize = archive.size();
    if (fileSize < SIZE) {
      throw MapFailure.rejected("archive is not a zip file (" + fileSize + " bytes)");
    }
    int tailSize = (int) Math.min(fileSize, SIZE + MAX_COMMENT);
    long tailStart = fileSize - tailSize;
    ByteBuffer tail = ZipDirectory.readAt(archive, tailStart, tailSize);
    for (int i = tailSize - SIZE; i >= 0; i--) {
      // The end record's comment must run exactly to the end of the file: a signature inside a
      // comment is not the end record.
      if (tail.getInt(i) == SIGNATURE
          && Short.toUnsignedInt(tail.getShort(i + 20)) == tailSize - i - SIZE) {
        return new ZipEndRecord(
            Short.toUnsignedInt(tail.getShort(i + 4)),
            Short.toUnsignedInt(tail.getShort(i + 6)),
            Short.toUnsignedInt(tail.getShort(i + 8)),
            Short.toUnsignedInt(tail.getShort(i + 10)),
            Integer.toUnsignedLong(tail.getInt(i + 12)),
            Integer.toUnsignedLong(tail.getInt(i + 16)),
            tailStart + i);
      }
    }
    throw MapFailure.rejected("archive is not a zip file (no end of central directory)");
  }

  /** Refuses what no map needs, a directory that is not where the record is, and zip bombs. */
  void check(int maxEntries, long maxDirectoryBytes) throws MapFailure {
    if (count == 0xffff || cenSize == 0xffffffffL || cenOffset == 0xffffffffL) {
      throw MapFailure.rejected("archive uses ZIP64, which no map needs");
    }
    if (disk != 0 || cenDisk != 0 || countOnDisk != count) {
      throw MapFailure.rejected("archive spans several disks, which no map needs");
    }
    // Reading the directory from where the end record says it ends, and from the offset it
    // states, must be one and the same place: a decoy directory lives in the difference.
    if (cenOffset + cenSize != position) {
      throw MapFailure.rejected(
          "archive is corrupt (central directory is not where the end record says)");
    }
    if (count > maxEntries) {
      throw MapFailure.rejected("zip bomb: " + count + " entries, more than " + maxEntries);
    }
    // The directory is read into memory whole: a map's is a few KB, 10,000 entries with long
    // names some MB, and an archive that claims more is after the heap.
    if (cenSize > maxDirectoryBytes) {
      throw MapFailure.rejected(
          String.format(
              Locale.ROOT,
              "zip bomb: a central directory of %,d bytes, more than %,d",
              cenSize,
              maxDirectoryBytes));
    }
  }
}
