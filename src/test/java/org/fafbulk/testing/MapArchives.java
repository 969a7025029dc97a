package org.fafbulk.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds map archives and folders for tests: valid ones, and the broken kinds a vault can serve.
 */
public final class MapArchives {
  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int CEN_SIGNATURE = 0x02014b50;

  private MapArchives() {}

  /**
   * A zip holding {@code <folder>/<name>.scmap} and {@code <folder>/<name>_scenario.lua}, where the
   * name is the folder less its {@code .vNNNN} suffix, as in the vault.
   */
  public static byte[] valid(String folder) {
    return valid(folder, mapName(folder));
  }

  /** Like {@link #valid(String)}, with the map files named {@code name} whatever the folder. */
  public static byte[] valid(String folder, String name) {
    return zip(vaultEntries(folder, name, ScmapBytes.header(256f, 256f, 56)));
  }

  /**
   * Like {@link #valid(String)}, with {@code noiseBytes} random bytes from {@code seed} after the
   * scmap header, so that the archive, which cannot compress them, is about that big.
   */
  public static byte[] valid(String folder, int noiseBytes, long seed) {
    byte[] header = ScmapBytes.header(256f, 256f, 56);
    byte[] noise = new byte[Math.max(0, noiseBytes)];
    new Random(seed).nextBytes(noise);
    byte[] scmap = ByteBuffer.allocate(header.length + noise.length).put(header).put(noise).array();
    return zip(vaultEntries(folder, mapName(folder), scmap));
  }

  /**
   * The folder {@code dir/folder} that {@link #valid(String)} unpacks to, as the tool leaves it.
   */
  public static Path installed(Path dir, String folder) throws IOException {
    Path path = Files.createDirectories(dir.resolve(folder));
    String name = mapName(folder);
    Files.write(path.resolve(name + ".scmap"), ScmapBytes.header(256f, 256f, 56));
    Files.writeString(path.resolve(name + "_scenario.lua"), scenario(folder, name));
    return path;
  }

  /** Starts like a zip (so it passes the magic check) but has no central directory. */
  public static byte[] corrupt() {
    return "PK\u0003\u0004 this is not really a zip archive, just its first bytes"
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** What a misconfigured server sends instead of an archive. */
  public static String htmlPage() {
    return "<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>";
  }

  /**
   * The files of a playable map {@code test_map} inside {@code folder/} ({@code ""} for the archive
   * root), 256 x 512 with a save and a script file, in an order a test may add to or take from.
   */
  public static Map<String, byte[]> validMapEntries(String folder) {
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

  /** Writes {@link #validMapEntries(String)} to {@code zip}. */
  public static Path validMap(Path zip, String folder) throws IOException {
    return write(zip, validMapEntries(folder));
  }

  /** Writes the entries in order; names ending in {@code /} become folders. */
  public static Path write(Path zip, Map<String, byte[]> entries) throws IOException {
    return Files.write(zip, zip(entries));
  }

  /** Writes one entry of {@code size} zero bytes, which deflate shrinks about a thousandfold. */
  public static Path zeros(Path zip, String name, long size) throws IOException {
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
  public static void markSymlink(Path zip, String name) throws IOException {
    patchCentralEntry(
        zip,
        name,
        (cen, pos) -> {
          cen.put(pos + 5, (byte) 3); // version made by: host Unix
          cen.putInt(pos + 38, 0120777 << 16); // external attributes: the Unix mode
        });
  }

  /** Makes the central directory declare {@code size} uncompressed bytes for {@code name}. */
  public static void declareSize(Path zip, String name, int size) throws IOException {
    patchCentralEntry(zip, name, (cen, pos) -> cen.putInt(pos + 24, size));
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String mapName(String folder) {
    return folder.replaceFirst("\\.v\\d+$", "");
  }

  private static Map<String, byte[]> vaultEntries(String folder, String name, byte[] scmap) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(folder + "/", new byte[0]);
    entries.put(folder + "/" + name + ".scmap", scmap);
    entries.put(folder + "/" + name + "_scenario.lua", utf8(scenario(folder, name)));
    return entries;
  }

  /** A scenario as the vault's: name, scmap path, size, and one configuration of two armies. */
  private static String scenario(String folder, String name) {
    return "version = 3\nScenarioInfo = {\n  name = '"
        + name
        + "',\n  map = '/maps/"
        + folder
        + "/"
        + name
        + ".scmap',\n  size = {256, 256},\n"
        + "  Configurations = { ['standard'] = { teams = {\n"
        + "    { name = 'FFA', armies = {'ARMY_1', 'ARMY_2'} } } } }\n}\n";
  }

  private static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
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
}
