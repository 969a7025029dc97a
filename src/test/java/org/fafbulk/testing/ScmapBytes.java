package org.fafbulk.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes {@code .scmap} headers byte by byte, laid out as Supreme Commander writes them. */
public final class ScmapBytes {
  public static final byte[] MAGIC = "Map\u001a".getBytes(StandardCharsets.ISO_8859_1);

  private ScmapBytes() {}

  /** A header the tool accepts when {@code minorVersion} is a known one, with a 5-byte preview. */
  public static byte[] header(float width, float height, int minorVersion) {
    return header(MAGIC, 2, width, height, new byte[] {1, 2, 3, 4, 5}, minorVersion);
  }

  /**
   * A header with width and height stored as int32, as the FA Forever Map Editor writes them, where
   * the format has float32.
   */
  public static byte[] intSizedHeader(int width, int height, int minorVersion) {
    byte[] bytes = header(256f, 256f, minorVersion);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(16, width).putInt(20, height);
    return bytes;
  }

  /** A header with every field chosen, valid or not. */
  public static byte[] header(
      byte[] magic, int major, float width, float height, byte[] preview, int minorVersion) {
    ByteBuffer buffer = ByteBuffer.allocate(34 + preview.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(magic);
    buffer.putInt(major);
    buffer.putInt(0xBEEFFEED);
    buffer.putInt(2);
    buffer.putFloat(width);
    buffer.putFloat(height);
    buffer.putInt(0);
    buffer.putShort((short) 0);
    buffer.putInt(preview.length);
    buffer.put(preview);
    buffer.putInt(minorVersion);
    return buffer.array();
  }
}
