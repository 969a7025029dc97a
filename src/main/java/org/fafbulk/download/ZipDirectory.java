package org.fafbulk.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The one reading of a zip that both the checks and the extraction use: the central directory where
 * the end record says it ends, each entry's local header where the directory says, and no two
 * entries' bytes overlapping. A lying archive has no second reading that could disagree.
 */
final class ZipDirectory {
  /** The largest central directory read: far above any map's, far below any heap's limit. */
  static final long MAX_DIRECTORY_BYTES = 16L * 1024 * 1024;

  private static final int CEN_SIGNATURE = 0x02014b50;
  private static final int LOC_SIGNATURE = 0x04034b50;
  private static final int CEN_SIZE = 46;
  private static final int LOC_SIZE = 30;
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
  static List<Entry> read(ArchiveBytes archive, int maxEntries) throws IOException, MapFailure {
    ZipEndRecord end = ZipEndRecord.find(archive);
    end.check(maxEntries, MAX_DIRECTORY_BYTES);
    ByteBuffer cen = readAt(archive, end.cenOffset(), (int) end.cenSize());
    List<Entry> entries = parseEntries(archive, cen, end.count());
    checkNoOverlap(entries, end.cenOffset());
    return entries;
  }

  private static List<Entry> parseEntries(ArchiveBytes archive, ByteBuffer cen, int count)
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
      int next = pos + CEN_SIZE + u16(cen, pos + 28) + u16(cen, pos + 30) + u16(cen, pos + 32);
      if (next > cen.limit()) {
        throw MapFailure.rejected("archive is corrupt (entry name out of bounds)");
      }
      entries.add(entry(archive, cen, pos));
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

  /** The entry whose central directory record starts at {@code pos} and lies wholly in bounds. */
  private static Entry entry(ArchiveBytes archive, ByteBuffer cen, int pos)
      throws IOException, MapFailure {
    int flags = u16(cen, pos + 8);
    int method = u16(cen, pos + 10);
    long crc = u32(cen, pos + 16);
    long compressed = u32(cen, pos + 20);
    long size = u32(cen, pos + 24);
    long headerOffset = u32(cen, pos + 42);
    byte[] name = new byte[u16(cen, pos + 28)];
    cen.get(pos + CEN_SIZE, name);
    String entryName =
        new String(
            name, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    checkSupported(entryName, flags, method, compressed, size, headerOffset);
    long dataOffset = localData(archive, headerOffset, name, entryName);
    int madeBy = u16(cen, pos + 4) >> 8;
    int mode = cen.getInt(pos + 38) >>> 16;
    boolean symlink = madeBy == UNIX_HOST && (mode & S_IFMT) == S_IFLNK;
    return new Entry(entryName, method, crc, compressed, size, headerOffset, dataOffset, symlink);
  }

  private static void checkSupported(
      String entryName, int flags, int method, long compressed, long size, long headerOffset)
      throws MapFailure {
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
  }

  private static int u16(ByteBuffer buffer, int index) {
    return Short.toUnsignedInt(buffer.getShort(index));
  }

  private static long u32(ByteBuffer buffer, int index) {
    return Integer.toUnsignedLong(buffer.getInt(index));
  }

  /** Reads the local header at {@code offset}; returns where the entry's data starts. */
  private static long localData(ArchiveBytes archive, long offset, byte[] name, String entryName)
      throws IOException, MapFailure {
    if (offset + LOC_SIZE > archive.size()) {
      throw MapFailure.rejected(
          "archive is corrupt (entry '" + printable(entryName) + "' lies outside the archive)");
    }
    ByteBuffer local = readAt(archive, offset, LOC_SIZE);
    int nameLength = Short.toUnsignedInt(local.getShort(26));
    int extraLength = Short.toUnsignedInt(local.getShort(28));
    if (local.getInt(0) != LOC_SIGNATURE
        || nameLength != name.length
        || offset + LOC_SIZE + nameLength > archive.size()
        || !Arrays.equals(readAt(archive, offset + LOC_SIZE, nameLength).array(), name)) {
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

  static ByteBuffer readAt(ArchiveBytes archive, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (archive.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of archive");
      }
    }
    return buffer.flip();
  }
}
