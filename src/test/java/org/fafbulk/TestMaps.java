package org.fafbulk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small valid map archives and folders for tests. */
public final class TestMaps {
  private TestMaps() {}

  /** A valid scmap header of a 256 x 256 map with a 16-byte preview, minor version 56. */
  public static byte[] scmap() {
    ByteBuffer b = ByteBuffer.allocate(4 * 6 + 2 + 4 + 16 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put("Map\u001a".getBytes(StandardCharsets.US_ASCII));
    b.putInt(2).putInt(0xBEEFFEED).putInt(2).putFloat(256f).putFloat(256f).putInt(0);
    b.putShort((short) 0).putInt(16).put(new byte[16]).putInt(56);
    return b.array();
  }

  /** A scenario file naming the map, with two armies. */
  public static String scenario(String displayName) {
    return "version = 3\nScenarioInfo = {\n  name = '"
        + displayName
        + "',\n  size = {256, 256},\n  Configurations = { ['standard'] = { teams = {\n"
        + "    { name = 'FFA', armies = {'ARMY_1', 'ARMY_2'} } } } }\n}\n";
  }

  /** A zip holding {@code folder/<name>.scmap} and {@code folder/<name>_scenario.lua}. */
  public static byte[] archive(String folder, String name) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(folder + "/"));
      zip.putNextEntry(new ZipEntry(folder + "/" + name + ".scmap"));
      zip.write(scmap());
      zip.putNextEntry(new ZipEntry(folder + "/" + name + "_scenario.lua"));
      zip.write(scenario(name).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** An installed map folder {@code dir/folder}, as bulk-download leaves it. */
  public static Path folder(Path dir, String folder) throws IOException {
    Path path = Files.createDirectories(dir.resolve(folder));
    Files.write(path.resolve(folder + ".scmap"), scmap());
    Files.writeString(path.resolve(folder + "_scenario.lua"), scenario(folder));
    return path;
  }
}
