package org.fafbulk.download;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The header of a Supreme Commander {@code .scmap} file: magic {@code Map\x1a}, major version 2,
 * width and height in map units, and the minor version found after the embedded preview image.
 */
public record ScmapHeader(float width, float height, int minorVersion) {
  /** Minor versions seen in real vault maps. */
  public static final Set<Integer> KNOWN_MINOR_VERSIONS = Set.of(53, 56, 60);

  private static final int MAGIC = 0x1a70614d; // "Map\x1a" read little-endian
  private static final int FIXED_HEADER = 34;
  private static final int MAX_PREVIEW_BYTES = 64 * 1024 * 1024;
  private static final int MIN_SIDE = 128;
  private static final int MAX_SIDE = 4096;

  /** Reads and checks the header; the message says what is wrong with the file. */
  public static ScmapHeader read(Path scmap) throws IOException, InvalidScmapException {
    try (InputStream in = Files.newInputStream(scmap)) {
      return read(in);
    }
  }

  static ScmapHeader read(InputStream raw) throws IOException, InvalidScmapException {
    DataInputStream in = new DataInputStream(raw);
    ByteBuffer fixed = ByteBuffer.allocate(FIXED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    try {
      in.readFully(fixed.array());
      checkMagicAndMajor(fixed);
      Optional<Float> width = side(fixed.getInt(16));
      Optional<Float> height = side(fixed.getInt(20));
      if (width.isEmpty() || height.isEmpty()) {
        throw invalidSize(fixed);
      }
      int previewLength = fixed.getInt(30);
      if (previewLength < 0 || previewLength > MAX_PREVIEW_BYTES) {
        throw new InvalidScmapException("has an invalid preview length " + previewLength);
      }
      in.skipNBytes(previewLength);
      ByteBuffer minor = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      in.readFully(minor.array());
      int minorVersion = minor.getInt(0);
      if (!KNOWN_MINOR_VERSIONS.contains(minorVersion)) {
        throw new InvalidScmapException(
            "has minor version " + minorVersion + ", expected one of 53, 56, 60");
      }
      return new ScmapHeader(width.get(), height.get(), minorVersion);
    } catch (EOFException e) {
      throw new InvalidScmapException("is truncated inside its header");
    }
  }

  private static void checkMagicAndMajor(ByteBuffer fixed) throws InvalidScmapException {
    if (fixed.getInt(0) != MAGIC) {
      throw new InvalidScmapException("does not start with the scmap magic 'Map\\x1a'");
    }
    int major = fixed.getInt(4);
    if (major != 2) {
      throw new InvalidScmapException("has major version " + major + ", expected 2");
    }
  }

  private static InvalidScmapException invalidSize(ByteBuffer fixed) {
    return new InvalidScmapException(
        "has an invalid size "
            + fixed.getFloat(16)
            + " x "
            + fixed.getFloat(20)
            + " (each side is a power of two from "
            + MIN_SIDE
            + " to "
            + MAX_SIDE
            + ")");
  }

  /**
   * One side of the map from its four header bytes: the format's float32, or the int32 that the
   * community's FA Forever Map Editor writes there (0x200 for 512, which as a float is 7e-43).
   */
  private static Optional<Float> side(int bits) {
    float asFloat = Float.intBitsToFloat(bits);
    if (asFloat >= MIN_SIDE
        && asFloat <= MAX_SIDE
        && isPowerOfTwo((int) asFloat)
        && asFloat == (int) asFloat) {
      return Optional.of(asFloat);
    }
    if (bits >= MIN_SIDE && bits <= MAX_SIDE && isPowerOfTwo(bits)) {
      return Optional.of((float) bits);
    }
    return Optional.empty();
  }

  private static boolean isPowerOfTwo(int n) {
    return Integer.bitCount(n) == 1;
  }

  /** An scmap file whose header is not that of a Supreme Commander map. */
  public static final class InvalidScmapException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidScmapException(String message) {
      super(message);
    }
  }
}
