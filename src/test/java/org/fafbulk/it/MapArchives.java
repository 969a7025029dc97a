package org.fafbulk.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds map archives shaped like the vault's: one folder, a valid scmap, a scenario. */
final class MapArchives {
  private MapArchives() {}

  /** Writes {@code zip} holding {@code folder/} with an scmap of about {@code scmapBytes}. */
  static void write(Path zip, String folder, int scmapBytes, long seed) throws IOException {
    Random random = new Random(seed);
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      String name = folder.replaceAll("\\.v\\d+$", "");
      out.putNextEntry(new ZipEntry(folder + "/"));
      out.closeEntry();
      out.putNextEntry(new ZipEntry(folder + "/" + name + ".scmap"));
      out.write(scmapHeader());
      byte[] body = new byte[Math.max(0, scmapBytes)];
      random.nextBytes(body);
      out.write(body);
      out.closeEntry();
      out.putNextEntry(new ZipEntry(folder + "/" + name + "_scenario.lua"));
      out.write(
          ("version = 3\nScenarioInfo = {\n    name = '" + name + "',\n    size = {256, 256},\n}\n")
              .getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  static byte[] scmapHeader() {
    ByteBuffer b = ByteBuffer.allocate(34 + 16 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put("Map\u001a".getBytes(StandardCharsets.ISO_8859_1));
    b.putInt(2).putInt(0xBEEFFEED).putInt(2).putFloat(256f).putFloat(256f).putInt(0);
    b.putShort((short) 0).putInt(16).put(new byte[16]).putInt(56);
    return b.array();
  }
}
