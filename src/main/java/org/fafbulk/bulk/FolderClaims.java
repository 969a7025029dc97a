package org.fafbulk.bulk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.fafbulk.IdSet;

/**
 * Which map of this run claimed each folder name, for the length of the run: ~35 bytes a folder
 * (its chars in one shared array, the owner as an int, a table at most three quarters full) where a
 * {@code HashMap<String, String>} held ~160, 3 MB over 20,000 maps. Chars are kept exactly (one
 * byte for ASCII, as modified UTF-8 spells them), so two names are the same claim exactly when they
 * are equal strings.
 */
final class FolderClaims {
  private byte[] chars = new byte[1024];
  private int charsUsed;
  private int[] starts = new int[16]; // claim i's chars are chars[starts[i] .. starts[i + 1])
  private int[] owners = new int[16]; // a numeric id below 2^31, or -1 - index into otherOwners
  private final List<String> otherOwners = new ArrayList<>();
  private int count;
  private int[] table = new int[32]; // claim index + 1 by hash, 0 when free; at most 3/4 full
  private byte[] scratch = new byte[64];

  /** The map that claimed {@code folder}, if one did. */
  Optional<String> owner(String folder) {
    int length = encode(folder);
    int claim = table[slot(folder, length)] - 1;
    return claim < 0 ? Optional.empty() : Optional.of(ownerOf(claim));
  }

  /** Lets {@code id} claim {@code folder}, unless a map claimed it already. */
  void claim(String folder, String id) {
    int length = encode(folder);
    int slot = slot(folder, length);
    if (table[slot] != 0) {
      return;
    }
    if (count + 1 >= starts.length) {
      starts = Arrays.copyOf(starts, starts.length * 2);
      owners = Arrays.copyOf(owners, owners.length * 2);
    }
    while (charsUsed + length > chars.length) {
      chars = Arrays.copyOf(chars, chars.length * 2);
    }
    System.arraycopy(scratch, 0, chars, charsUsed, length);
    starts[count] = charsUsed;
    charsUsed += length;
    starts[count + 1] = charsUsed;
    long numeric = IdSet.numeric(id);
    if (numeric >= 0 && numeric <= Integer.MAX_VALUE) {
      owners[count] = (int) numeric;
    } else {
      owners[count] = -1 - otherOwners.size();
      otherOwners.add(id);
    }
    table[slot] = ++count;
    if (count > table.length / 4 * 3) {
      rehash();
    }
  }

  private String ownerOf(int claim) {
    int owner = owners[claim];
    return owner >= 0 ? Integer.toString(owner) : otherOwners.get(-1 - owner);
  }

  /** The slot of {@code folder}, whose bytes are in {@code scratch}: its claim's, or a free one. */
  private int slot(String folder, int length) {
    int mask = table.length - 1;
    for (int i = spread(folder.hashCode()) & mask; ; i = (i + 1) & mask) {
      int claim = table[i] - 1;
      if (claim < 0 || Arrays.equals(chars, starts[claim], starts[claim + 1], scratch, 0, length)) {
        return i;
      }
    }
  }

  private void rehash() {
    int[] old = table;
    table = new int[old.length * 2];
    int mask = table.length - 1;
    for (int entry : old) {
      if (entry != 0) {
        int claim = entry - 1;
        String folder = decode(claim);
        int i = spread(folder.hashCode()) & mask;
        while (table[i] != 0) {
          i = (i + 1) & mask;
        }
        table[i] = entry;
      }
    }
  }

  private static int spread(int hash) {
    int mixed = hash * 0x9E3779B9; // String.hashCode of similar names differs in its low bits
    return mixed ^ (mixed >>> 16);
  }

  /** Writes {@code s} into {@code scratch}, each char in one to three bytes; returns the length. */
  private int encode(String s) {
    if (scratch.length < s.length() * 3) {
      scratch = new byte[s.length() * 3];
    }
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 1 && c <= 0x7F) {
        scratch[n++] = (byte) c;
      } else if (c <= 0x7FF) {
        scratch[n++] = (byte) (0xC0 | (c >> 6));
        scratch[n++] = (byte) (0x80 | (c & 0x3F));
      } else {
        scratch[n++] = (byte) (0xE0 | (c >> 12));
        scratch[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        scratch[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return n;
  }

  private String decode(int claim) {
    StringBuilder s = new StringBuilder();
    int i = starts[claim];
    while (i < starts[claim + 1]) {
      int b = chars[i++] & 0xFF;
      if (b < 0x80) {
        s.append((char) b);
      } else if (b < 0xE0) {
        s.append((char) (((b & 0x1F) << 6) | (chars[i++] & 0x3F)));
      } else {
        s.append((char) (((b & 0x0F) << 12) | ((chars[i++] & 0x3F) << 6) | (chars[i++] & 0x3F)));
      }
    }
    return s.toString();
  }
}
