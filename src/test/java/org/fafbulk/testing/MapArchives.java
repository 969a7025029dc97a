package org.fafbulk.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small but valid FAF map archives in memory, and the broken kinds a vault can serve. */
public final class MapArchives {
  private static final int PREVIEW_BYTES = 16;
  private static final int MINOR_VERSION = 56;

  private MapArchives() {}

  /**
   * A zip holding {@code <folder>/<name>.scmap} and {@code <folder>/<name>_scenario.lua}, where the
   * name is the folder less its {@code .vNNNN} suffix, as in the vault.
   */
  public static byte[] valid(String folder) {
    String name = folder.replaceFirst("\\.v\\d+$", "");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(folder + "/"));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(folder + "/" + name + ".scmap"));
      zip.write(scmap(256, 256));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(folder + "/" + name + "_scenario.lua"));
      zip.write(scenario(name).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * An scmap whose header the tool accepts: magic, major version 2, size, a preview image and minor
   * version 56, then filler where the terrain would be.
   */
  public static byte[] scmap(float width, float height) {
    ByteBuffer b = ByteBuffer.allocate(34 + PREVIEW_BYTES + 4 + 64).order(ByteOrder.LITTLE_ENDIAN);
    b.put("Map\u001a".getBytes(StandardCharsets.US_ASCII));
    b.putInt(2);
    b.putInt(0xBEEFFEED);
    b.putInt(2);
    b.putFloat(width);
    b.putFloat(height);
    b.putInt(0);
    b.putShort((short) 0);
    b.putInt(PREVIEW_BYTES);
    for (int i = 0; i < PREVIEW_BYTES; i++) {
      b.put((byte) i);
    }
    b.putInt(MINOR_VERSION);
    while (b.hasRemaining()) {
      b.put((byte) (b.position() * 31));
    }
    return b.array();
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

  private static String scenario(String name) {
    return "version = 3\nScenarioInfo = {\n  name = '"
        + name
        + "',\n  map = '/maps/"
        + name
        + "/"
        + name
        + ".scmap',\n}\n";
  }
}
