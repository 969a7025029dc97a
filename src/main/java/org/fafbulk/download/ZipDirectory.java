package org.fafbulk.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zip's central directory, which {@link java.util.zip.ZipFile} hides the Unix mode of, so
 * that symbolic links and oversized entries are refused before a single byte is extracted.
 */
final class ZipDirectory {
  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int CEN_SIGNATURE = 0x02014b50;
  private static final int EOCD_SIZE = 22;
  private static final int MAX_COMMENT = 0xffff;
  private static final int UNIX_HOST = 3;
  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;

  /** One entry as the central directory declares it. */
  record Entry(String name, long compressedSize, long size, boolean symlink) {
    boolean isDirectory() {
      return name.endsWith("/");
    }
  }

  private ZipDirectory() {}

  /** Lists the entries, or throws a {@link MapFailure} naming what is malformed. */
  static List<Entry> read(Path zip) throws IOException, MapFailure {
    try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      if (fileSize < EOCD_SIZE) {
        throw MapFailure.rejected("archive is not a zip file (" + fileSize + " bytes)");
      }
      int tailSize = (int) Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
      ByteBuffer tail = readAt(channel, fileSize - tailSize, tailSize);
      int eocd = -1;
      for (int i = tailSize - EOCD_SIZE; i >= 0; i--) {
        if (tail.getInt(i) == EOCD_SIGNATURE) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        throw MapFailure.rejected("archive is not a zip file (no end of central directory)");
      }
      int count = Short.toUnsignedInt(tail.getShort(eocd + 10));
      long cenSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
      long cenOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
      if (count == 0xffff || cenSize == 0xffffffffL || cenOffset == 0xffffffffL) {
        throw MapFailure.rejected("archive uses ZIP64, which no map needs");
      }
      if (cenOffset + cenSize > fileSize || cenSize > Integer.MAX_VALUE) {
        throw MapFailure.rejected("archive is corrupt (central directory out of bounds)");
      }
      return parseEntries(readAt(channel, cenOffset, (int) cenSize), count);
    }
  }

  private static List<Entry> parseEntries(ByteBuffer cen, int count) throws MapFailure {
    List<Entry> entries = new ArrayList<>(count);
    int pos = 0;
    for (int i = 0; i < count; i++) {
      if (pos + 46 > cen.limit() || cen.getInt(pos) != CEN_SIGNATURE) {
        throw MapFailure.rejected("archive is corrupt (bad central directory entry " + i + ")");
      }
      int madeBy = Short.toUnsignedInt(cen.getShort(pos + 4)) >> 8;
      int flags = Short.toUnsignedInt(cen.getShort(pos + 8));
      long compressed = Integer.toUnsignedLong(cen.getInt(pos + 20));
      long size = Integer.toUnsignedLong(cen.getInt(pos + 24));
      int nameLength = Short.toUnsignedInt(cen.getShort(pos + 28));
      int extraLength = Short.toUnsignedInt(cen.getShort(pos + 30));
      int commentLength = Short.toUnsignedInt(cen.getShort(pos + 32));
      int mode = cen.getInt(pos + 38) >>> 16;
      if (pos + 46 + nameLength > cen.limit()) {
        throw MapFailure.rejected("archive is corrupt (entry name out of bounds)");
      }
      byte[] name = new byte[nameLength];
      cen.get(pos + 46, name);
      boolean utf8 = (flags & 0x800) != 0;
      String entryName =
          new String(name, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      boolean symlink = madeBy == UNIX_HOST && (mode & S_IFMT) == S_IFLNK;
      entries.add(new Entry(entryName, compressed, size, symlink));
      pos += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }

  private static ByteBuffer readAt(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of archive");
      }
    }
    return buffer.flip();
  }
}
