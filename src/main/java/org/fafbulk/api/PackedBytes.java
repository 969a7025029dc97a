package org.fafbulk.api;

import java.util.Arrays;

/**
 * Strings and ints packed into byte arrays: a string as its char count and then each char as
 * modified UTF-8 spells it (one byte for ASCII, and any char at all, NUL and lone surrogates
 * included, comes back as it went in), an int as a zigzag varint (small numbers of either sign in
 * one byte).
 */
final class PackedBytes {
  private PackedBytes() {}

  /** Packs into one reused buffer; each {@link #take} is a copy of exactly what was written. */
  static final class Writer {
    private byte[] buffer = new byte[256];
    private int length;

    /** The bytes written since the last take, and a fresh start. */
    byte[] take() {
      byte[] packed = Arrays.copyOf(buffer, length);
      length = 0;
      return packed;
    }

    Writer string(String s) {
      number(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= 1 && c <= 0x7F) {
          put(c);
        } else if (c <= 0x7FF) {
          put(0xC0 | (c >> 6));
          put(0x80 | (c & 0x3F));
        } else {
          put(0xE0 | (c >> 12));
          put(0x80 | ((c >> 6) & 0x3F));
          put(0x80 | (c & 0x3F));
        }
      }
      return this;
    }

    Writer number(int value) {
      int zigzag = (value << 1) ^ (value >> 31);
      while ((zigzag & ~0x7F) != 0) {
        put((zigzag & 0x7F) | 0x80);
        zigzag >>>= 7;
      }
      put(zigzag);
      return this;
    }

    private void put(int b) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      buffer[length++] = (byte) b;
    }
  }

  /** Reads back what a {@link Writer} wrote, in the same order. */
  static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    String string() {
      char[] chars = new char[number()];
      for (int i = 0; i < chars.length; i++) {
        int b = next();
        if (b < 0x80) {
          chars[i] = (char) b;
        } else if (b < 0xE0) {
          chars[i] = (char) (((b & 0x1F) << 6) | (next() & 0x3F));
        } else {
          chars[i] = (char) (((b & 0x0F) << 12) | ((next() & 0x3F) << 6) | (next() & 0x3F));
        }
      }
      return new String(chars);
    }

    /** Steps over a string without building it. */
    void skipString() {
      for (int chars = number(); chars > 0; chars--) {
        int b = next();
        position += b < 0x80 ? 0 : b < 0xE0 ? 1 : 2;
      }
    }

    int number() {
      int zigzag = 0;
      for (int shift = 0; ; shift += 7) {
        int b = next();
        zigzag |= (b & 0x7F) << shift;
        if (b < 0x80) {
          return (zigzag >>> 1) ^ -(zigzag & 1);
        }
      }
    }

    private int next() {
      return bytes[position++] & 0xFF;
    }
  }
}
