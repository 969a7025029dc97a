package org.fafbulk.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The one reading of a zip that both the checks and the extraction use: the central directory where
 * the end record says it ends, each entry's local header where the directory says, and no two
 * entries' bytes overlapping. A lying archive has no second reading that could disagree.
 */
final class ZipDirectory {
  /** The largest central directory read: far above any map's, far below any heap's limit. */
  static final long MAX_DIRECTORY_BYTES = 16L * 1024 * 1024;

  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int CEN_SIGNATURE = 0x02014b50;
  private static final int LOC_SIGNATURE = 0x04034b50;
  private static final int EOCD_SIZE = 22;
  private static final int CEN_SIZE = 46;
  private static final int LOC_SIZE = 30;
  private static final int MAX_COMMENT = 0xffff;
  private static final int UNIX_HOST = 3;
  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;
  static final int STORED = 0;
  static final int DEFLATED = 8;

  /**
   * One entry as the central directory declares it, with where its data lies.
   *
   * @param dataOffset where the entry's compressed bytes start, after its local header
   */
  record Entry(
      String name,
      int method,
      long crc,
      long compressedSize,
      long size,
      long headerOffset,
      long dataOffset,
      boolean symlink) {
    boolean isDirectory() {
      return name.endsWith("/");
    }

    long dataEnd() {
      return dataOffset + compressedSize;
    }
  }

  private ZipDirectory() {}

  /**
   * Lists the entries, or throws a {@link MapFailure} naming what is malformed; refuses more
   * entries than {@code maxEntries} before reading them.
   */
  static List<Entry> read(FileChannel channel, int maxEntries) throws IOException, MapFailure {
    long fileSize = channel.size();
    if (fileSize < EOCD_SIZE) {
      throw MapFailure.rejected("archive is not a zip file (" + fileSize + " bytes)");
    }
    int tailSize = (int) Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
    long tailStart = fileSize - tailSize;
    ByteBuffer tail = readAt(channel, tailStart, tailSize);
    int eocd = -1;
    for (int i = tailSize - EOCD_SIZE; i >= 0; i--) {
      // The end record's comment must run exactly to the end of the file: a signature inside a
      // comment is not the end record.
      if (tail.getInt(i) == EOCD_SIGNATURE
          && Short.toUnsignedInt(tail.getShort(i + 20)) == tailSize - i - EOCD_SIZE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw MapFailure.rejected("archive is not a zip file (no end of central directory)");
    }
    int disk = Short.toUnsignedInt(tail.getShort(eocd + 4));
    int cenDisk = Short.toUnsignedInt(tail.getShort(eocd + 6));
    int countOnDisk = Short.toUnsignedInt(tail.getShort(eocd + 8));
    int count = Short.toUnsignedInt(tail.getShort(eocd + 10));
    long cenSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
    long cenOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
    if (count == 0xffff || cenSize == 0xffffffffL || cenOffset == 0xffffffffL) {
      throw MapFailure.rejected("archive uses ZIP64, which no map needs");
    }
    if (disk != 0 || cenDisk != 0 || countOnDisk != count) {
      throw MapFailure.rejected("archive spans several disks, which no map needs");
    }
    long eocdPosition = tailStart + eocd;
    // Reading the directory from where the end record says it ends, and from the offset it
    // states, must be one and the same place: a decoy directory lives in the difference.
    if (cenOffset + cenSize != eocdPosition) {
      throw MapFailure.rejected(
          "archive is corrupt (central directory is not where the end record says)");
    }
    if (count > maxEntries) {
      throw MapFailure.rejected("zip bomb: " + count + " entries, more than " + maxEntries);
    }
    // The directory is read into memory whole: a map's is a few KB, 10,000 entries with long
    // names some MB, and an archive that claims more is after the heap.
    if (cenSize > MAX_DIRECTORY_BYTES) {
      throw MapFailure.rejected(
          String.format(
              Locale.ROOT,
              "zip bomb: a central directory of %,d bytes, more than %,d",
              cenSize,
              MAX_DIRECTORY_BYTES));
    }
    List<Entry> entries = parseEntries(channel, readAt(channel, cenOffset, (int) cenSize), count);
    checkNoOverlap(entries, cenOffset);
    return entries;
  }

  private static List<Entry> parseEntries(FileChannel channel, ByteBuffer cen, int count)
      throws IOException, MapFailure {
    List<Entry> entries = new ArrayList<>(count);
    int pos = 0;
    while (pos < cen.limit()) {
      if (entries.size() == count) {
        throw MapFailure.rejected(
            "archive is corrupt (end record says "
                + count
                + " entries, central directory holds more)");
      }
      if (pos + CEN_SIZE > cen.limit() || cen.getInt(pos) != CEN_SIGNATURE) {
        throw MapFailure.rejected(
            "archive is corrupt (bad central directory entry " + entries.size() + ")");
      }
      int madeBy = Short.toUnsignedInt(cen.getShort(pos + 4)) >> 8;
      int flags = Short.toUnsignedInt(cen.getShort(pos + 8));
      int method = Short.toUnsignedInt(cen.getShort(pos + 10));
      long crc = Integer.toUnsignedLong(cen.getInt(pos + 16));
      long compressed = Integer.toUnsignedLong(cen.getInt(pos + 20));
      long size = Integer.toUnsignedLong(cen.getInt(pos + 24));
      int nameLength = Short.toUnsignedInt(cen.getShort(pos + 28));
      int extraLength = Short.toUnsignedInt(cen.getShort(pos + 30));
      int commentLength = Short.toUnsignedInt(cen.getShort(pos + 32));
      int mode = cen.getInt(pos + 38) >>> 16;
      long headerOffset = Integer.toUnsignedLong(cen.getInt(pos + 42));
      int next = pos + CEN_SIZE + nameLength + extraLength + commentLength;
      if (next > cen.limit()) {
        throw MapFailure.rejected("archive is corrupt (entry name out of bounds)");
      }
      byte[] name = new byte[nameLength];
      cen.get(pos + CEN_SIZE, name);
      String entryName =
          new String(
              name, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      if (compressed == 0xffffffffL || size == 0xffffffffL || headerOffset == 0xffffffffL) {
        throw MapFailure.rejected("archive uses ZIP64, which no map needs");
      }
      if ((flags & 1) != 0) {
        throw MapFailure.rejected("archive entry '" + printable(entryName) + "' is encrypted");
      }
      if (method != STORED && method != DEFLATED) {
        throw MapFailure.rejected(
            "archive entry '" + printable(entryName) + "' uses compression method " + method);
      }
      if (method == STORED && compressed != size) {
        throw MapFailure.rejected(
            "archive is corrupt (stored entry '" + printable(entryName) + "' changes size)");
      }
      long dataOffset = localData(channel, headerOffset, name, entryName);
      boolean symlink = madeBy == UNIX_HOST && (mode & S_IFMT) == S_IFLNK;
      entries.add(
          new Entry(entryName, method, crc, compressed, size, headerOffset, dataOffset, symlink));
      pos = next;
    }
    if (entries.size() != count) {
      throw MapFailure.rejected(
          "archive is corrupt (end record says "
              + count
              + " entries, central directory holds "
              + entries.size()
              + ")");
    }
    return entries;
  }

  /** Reads the local header at {@code offset}; returns where the entry's data starts. */
  private static long localData(FileChannel channel, long offset, byte[] name, String entryName)
      throws IOException, MapFailure {
    if (offset + LOC_SIZE > channel.size()) {
      throw MapFailure.rejected(
          "archive is corrupt (entry '" + printable(entryName) + "' lies outside the archive)");
    }
    ByteBuffer local = readAt(channel, offset, LOC_SIZE);
    int nameLength = Short.toUnsignedInt(local.getShort(26));
    int extraLength = Short.toUnsignedInt(local.getShort(28));
    if (local.getInt(0) != LOC_SIGNATURE
        || nameLength != name.length
        || offset + LOC_SIZE + nameLength > channel.size()
        || !Arrays.equals(readAt(channel, offset + LOC_SIZE, nameLength).array(), name)) {
      throw MapFailure.rejected(
          "archive is corrupt (local header of '"
              + printable(entryName)
              + "' disagrees with the central directory)");
    }
    return offset + LOC_SIZE + nameLength + extraLength;
  }

  /** Every entry's header and data lie before the directory and apart from every other's. */
  private static void checkNoOverlap(List<Entry> entries, long cenOffset) throws MapFailure {
    List<Entry> byOffset =
        entries.stream().sorted(Comparator.comparingLong(Entry::headerOffset)).toList();
    long end = 0;
    for (Entry entry : byOffset) {
      if (entry.headerOffset() < end) {
        throw MapFailure.rejected(
            "archive is corrupt (entry '" + printable(entry.name()) + "' overlaps another)");
      }
      end = entry.dataEnd();
    }
    if (end > cenOffset) {
      throw MapFailure.rejected("archive is corrupt (entry data overlaps the central directory)");
    }
  }

  static String printable(String name) {
    return FolderNames.printable(name);
  }

  static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of archive");
      }
    }
    return buffer.flip();
  }
}
