package org.fafbulk.download;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes map archives, valid and hostile, with {@link ZipOutputStream}. */
final class MapArchives {
  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int CEN_SIGNATURE = 0x02014b50;

  private MapArchives() {}

  /** The files of a playable map inside {@code folder/} ({@code ""} for the archive root). */
  static Map<String, byte[]> validMapEntries(String folder) {
    String prefix = folder.isEmpty() ? "" : folder + "/";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    if (!folder.isEmpty()) {
      entries.put(prefix, new byte[0]);
    }
    entries.put(prefix + "test_map.scmap", ScmapBytes.header(256f, 512f, 56));
    entries.put(prefix + "test_map_scenario.lua", utf8("ScenarioInfo = { name = 'Test' }\n"));
    entries.put(prefix + "test_map_save.lua", utf8("Scenario = {}\n"));
    entries.put(prefix + "test_map_script.lua", utf8("local x = 1\n"));
    return entries;
  }

  static Path validMap(Path zip, String folder) throws IOException {
    return write(zip, validMapEntries(folder));
  }

  /** Writes the entries in order; names ending in {@code /} become folders. */
  static Path write(Path zip, Map<String, byte[]> entries) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return zip;
  }

  /** Writes one entry of {@code size} zero bytes, which deflate shrinks about a thousandfold. */
  static Path zeros(Path zip, String name, long size) throws IOException {
    byte[] chunk = new byte[1 << 20];
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry(name));
      for (long left = size; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(left, chunk.length));
      }
      out.closeEntry();
    }
    return zip;
  }

  /** Marks {@code name} in the central directory as a Unix symbolic link (mode 0120777). */
  static void markSymlink(Path zip, String name) throws IOException {
    patchCentralEntry(
        zip,
        name,
        (cen, pos) -> {
          cen.put(pos + 5, (byte) 3); // version made by: host Unix
          cen.putInt(pos + 38, 0120777 << 16); // external attributes: the Unix mode
        });
  }

  /** Makes the central directory declare {@code size} uncompressed bytes for {@code name}. */
  static void declareSize(Path zip, String name, int size) throws IOException {
    patchCentralEntry(zip, name, (cen, pos) -> cen.putInt(pos + 24, size));
  }

  private interface Patch {
    void apply(ByteBuffer zip, int centralEntry);
  }

  private static void patchCentralEntry(Path zip, String name, Patch patch) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = bytes.limit() - 22;
    if (bytes.getInt(eocd) != EOCD_SIGNATURE) {
      throw new IOException("expected an end of central directory without comment");
    }
    int count = Short.toUnsignedInt(bytes.getShort(eocd + 10));
    int pos = bytes.getInt(eocd + 16);
    for (int i = 0; i < count; i++) {
      if (bytes.getInt(pos) != CEN_SIGNATURE) {
        throw new IOException("no central directory header at " + pos);
      }
      int nameLength = Short.toUnsignedInt(bytes.getShort(pos + 28));
      int extraLength = Short.toUnsignedInt(bytes.getShort(pos + 30));
      int commentLength = Short.toUnsignedInt(bytes.getShort(pos + 32));
      String entryName = new String(bytes.array(), pos + 46, nameLength, StandardCharsets.UTF_8);
      if (entryName.equals(name)) {
        patch.apply(bytes, pos);
        try (OutputStream out = Files.newOutputStream(zip)) {
          out.write(bytes.array());
        }
        return;
      }
      pos += 46 + nameLength + extraLength + commentLength;
    }
    throw new IOException("no entry " + name + " in " + zip);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
