package org.fafbulk.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the bytes of an honest zip (one without an archive comment) into the lying archives an
 * attacker serves: a false entry count, a decoy directory, overlapping or shared entry data.
 */
public final class ZipSurgery {
  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int CEN_SIGNATURE = 0x02014b50;

  private final ByteBuffer zip;
  private final int eocd;

  private ZipSurgery(byte[] bytes) throws IOException {
    zip = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    eocd = bytes.length - 22;
    if (zip.getInt(eocd) != EOCD_SIGNATURE) {
      throw new IOException("expected an end of central directory without comment");
    }
  }

  public static ZipSurgery of(Path zip) throws IOException {
    return new ZipSurgery(Files.readAllBytes(zip));
  }

  /** One central directory entry: where it sits in the directory, its name, its local header. */
  public record CentralEntry(int position, int length, String name, int localHeader) {}

  public List<CentralEntry> entries() {
    List<CentralEntry> entries = new ArrayList<>();
    int pos = cenOffset();
    for (int i = 0; i < count(); i++) {
      if (zip.getInt(pos) != CEN_SIGNATURE) {
        throw new IllegalStateException("no central directory header at " + pos);
      }
      int nameLength = Short.toUnsignedInt(zip.getShort(pos + 28));
      int length =
          46
              + nameLength
              + Short.toUnsignedInt(zip.getShort(pos + 30))
              + Short.toUnsignedInt(zip.getShort(pos + 32));
      String name = new String(zip.array(), pos + 46, nameLength, StandardCharsets.UTF_8);
      entries.add(new CentralEntry(pos, length, name, zip.getInt(pos + 42)));
      pos += length;
    }
    return entries;
  }

  public CentralEntry entry(String name) {
    return entries().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no entry " + name));
  }

  /** The end record claims {@code count} entries. */
  public ZipSurgery claimCount(int count) {
    zip.putShort(eocd + 8, (short) count).putShort(eocd + 10, (short) count);
    return this;
  }

  /** The directory declares {@code compressed} compressed bytes for {@code name}. */
  public ZipSurgery claimCompressedSize(String name, int compressed) {
    zip.putInt(entry(name).position() + 20, compressed);
    return this;
  }

  /** The directory declares {@code size} uncompressed bytes for {@code name}. */
  public ZipSurgery claimSize(String name, int size) {
    zip.putInt(entry(name).position() + 24, size);
    return this;
  }

  public ZipSurgery claimCrc(String name, int crc) {
    zip.putInt(entry(name).position() + 16, crc);
    return this;
  }

  /** The directory entry {@code name} points at the local header of {@code other}. */
  public ZipSurgery pointAt(String name, String other) {
    zip.putInt(entry(name).position() + 42, entry(other).localHeader());
    return this;
  }

  /**
   * Inserts, before the real directory, a decoy directory listing only {@code shown}, and points
   * the end record's stored offset, size and count at the decoy. A reader that trusts the stored
   * offset sees the decoy; one that reads back from the end record sees the real directory.
   */
  public byte[] withDecoyDirectory(List<String> shown) throws IOException {
    ByteArrayOutputStream decoy = new ByteArrayOutputStream();
    for (String name : shown) {
      CentralEntry entry = entry(name);
      decoy.write(zip.array(), entry.position(), entry.length());
    }
    int cenOffset = cenOffset();
    int cenSize = eocd - cenOffset;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(zip.array(), 0, cenOffset);
    out.write(decoy.toByteArray());
    out.write(zip.array(), cenOffset, cenSize);
    ByteBuffer end =
        ByteBuffer.wrap(java.util.Arrays.copyOfRange(zip.array(), eocd, eocd + 22))
            .order(ByteOrder.LITTLE_ENDIAN);
    end.putShort(8, (short) shown.size()).putShort(10, (short) shown.size());
    end.putInt(12, decoy.size()).putInt(16, cenOffset);
    out.write(end.array());
    return out.toByteArray();
  }

  public byte[] bytes() {
    return zip.array();
  }

  public Path writeTo(Path path) throws IOException {
    return Files.write(path, zip.array());
  }

  private int count() {
    return Short.toUnsignedInt(zip.getShort(eocd + 10));
  }

  private int cenOffset() {
    return zip.getInt(eocd + 16);
  }
}
