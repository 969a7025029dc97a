package org.fafbulk.api;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A queue of listed maps, each packed into one byte array until it is taken: a 10,000-map page
 * waits as ~2 MB instead of ~7 MB of records and strings that a long run would carry into the old
 * generation. Strings are kept char by char (one byte for ASCII), so every map comes back equal to
 * the one put in, whatever the server sent.
 */
final class PackedMaps {
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final Writer writer = new Writer();

  void add(FafMap map) {
    queue.addLast(writer.pack(map));
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }

  /** Takes the oldest map, unpacked. */
  FafMap removeFirst() {
    byte[] packed = queue.pollFirst();
    if (packed == null) {
      throw new NoSuchElementException();
    }
    return new Reader(packed).map();
  }

  /** Packs maps into one reused buffer; each result is a copy of exactly its length. */
  private static final class Writer {
    private byte[] buffer = new byte[256];
    private int length;

    byte[] pack(FafMap map) {
      length = 0;
      MapVersion v = map.latestVersion();
      string(map.id());
      string(map.displayName());
      number(map.author().isPresent() ? 1 : 0);
      map.author().ifPresent(this::string);
      string(v.id());
      string(v.folderName());
      string(v.downloadUrl());
      number(v.version());
      number(v.width());
      number(v.height());
      number(v.maxPlayers());
      number((v.ranked() ? 1 : 0) | (v.hidden() ? 2 : 0));
      return Arrays.copyOf(buffer, length);
    }

    /** The char count, then each char in one to three bytes, as modified UTF-8 spells it. */
    private void string(String s) {
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
    }

    /** An int as a zigzag varint: small numbers of either sign in one byte. */
    private void number(int value) {
      int zigzag = (value << 1) ^ (value >> 31);
      while ((zigzag & ~0x7F) != 0) {
        put((zigzag & 0x7F) | 0x80);
        zigzag >>>= 7;
      }
      put(zigzag);
    }

    private void put(int b) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      buffer[length++] = (byte) b;
    }
  }

  /** Reads back what {@link Writer#pack} wrote, in the same order. */
  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    FafMap map() {
      String id = string();
      String displayName = string();
      Optional<String> author = number() == 1 ? Optional.of(string()) : Optional.empty();
      String versionId = string();
      String folderName = string();
      String downloadUrl = string();
      int version = number();
      int width = number();
      int height = number();
      int maxPlayers = number();
      int flags = number();
      return new FafMap(
          id,
          displayName,
          author,
          new MapVersion(
              versionId,
              version,
              folderName,
              downloadUrl,
              width,
              height,
              maxPlayers,
              (flags & 1) != 0,
              (flags & 2) != 0));
    }

    private String string() {
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

    private int number() {
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
