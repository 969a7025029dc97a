package org.fafbulk;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A set of FAF ids that costs a bit per id where a {@code HashSet<String>} costs ~100 bytes: a run
 * over 20,000 maps holds several such sets for its whole length. An id in canonical decimal form
 * (no sign, no leading zero, at most 18 digits) below {@value #DENSE_LIMIT} is a bit in a bitmap as
 * long as the largest such id (the vault's ids are dense and below 100,000: 20,000 of them take ~3
 * KB, and a server sending one id just under the limit costs at most 512 KB); a larger one is a
 * {@code long} in an open-addressing table, 8 to 16 bytes; any other string, which a server may
 * send, is kept as itself. The set answers exactly as a set of strings would.
 */
public final class IdSet {
  static final long EMPTY = -1; // numeric ids are never negative
  private static final int MAX_DIGITS = 18; // 10^18 - 1 still fits in a long
  private static final long DENSE_LIMIT = 1 << 22;

  private long[] bits = new long[0]; // id i is bit i % 64 of bits[i / 64], for i < DENSE_LIMIT
  private long[] slots = newSlots(16); // the larger numeric ids
  private int denseCount;
  private int largeCount; // in slots
  private final Set<String> others = new HashSet<>();

  /** Adds {@code id}; returns true when it was not in the set. */
  public boolean add(String id) {
    long value = numeric(id);
    if (value == EMPTY) {
      return others.add(id);
    }
    if (value < DENSE_LIMIT) {
      int word = (int) (value >>> 6);
      if (word >= bits.length) {
        int words = (int) (DENSE_LIMIT >>> 6);
        bits = Arrays.copyOf(bits, Math.min(words, Math.max(word + 1, 2 * bits.length)));
      }
      long mask = 1L << value;
      if ((bits[word] & mask) != 0) {
        return false;
      }
      bits[word] |= mask;
      denseCount++;
      return true;
    }
    if (largeCount + 1 > slots.length / 2) {
      grow();
    }
    int slot = find(slots, value);
    if (slots[slot] == value) {
      return false;
    }
    slots[slot] = value;
    largeCount++;
    return true;
  }

  public boolean contains(String id) {
    long value = numeric(id);
    if (value == EMPTY) {
      return others.contains(id);
    }
    if (value < DENSE_LIMIT) {
      int word = (int) (value >>> 6);
      return word < bits.length && (bits[word] & (1L << value)) != 0;
    }
    return slots[find(slots, value)] == value;
  }

  /** Removes {@code id}; returns true when it was in the set. */
  public boolean remove(String id) {
    long value = numeric(id);
    if (value == EMPTY) {
      return others.remove(id);
    }
    if (value < DENSE_LIMIT) {
      int word = (int) (value >>> 6);
      long mask = 1L << value;
      if (word >= bits.length || (bits[word] & mask) == 0) {
        return false;
      }
      bits[word] &= ~mask;
      denseCount--;
      return true;
    }
    int hole = find(slots, value);
    if (slots[hole] != value) {
      return false;
    }
    slots[hole] = EMPTY;
    largeCount--;
    // Backward-shift deletion: move up every later entry of the run that the hole would hide.
    int mask = slots.length - 1;
    for (int i = (hole + 1) & mask; slots[i] != EMPTY; i = (i + 1) & mask) {
      int home = home(slots[i], mask);
      boolean reachable = hole <= i ? home <= hole || home > i : home <= hole && home > i;
      if (reachable) {
        slots[hole] = slots[i];
        slots[i] = EMPTY;
        hole = i;
      }
    }
    return true;
  }

  /** How many slots the table of large ids has: what it costs, apart from the bitmap. */
  int tableSlots() {
    return slots.length;
  }

  public int size() {
    return denseCount + largeCount + others.size();
  }

  /**
   * The ids in a stable order, numeric ones by value and then the others as strings sort: state
   * files written from it read the same from one run to the next.
   */
  public Iterable<String> inOrder() {
    long[] dense = BitSet.valueOf(bits).stream().asLongStream().toArray();
    long[] large = Arrays.stream(slots).filter(value -> value != EMPTY).sorted().toArray();
    List<String> rest = others.stream().sorted().toList();
    // every dense id is below every large one
    return () ->
        Stream.concat(
                LongStream.concat(Arrays.stream(dense), Arrays.stream(large))
                    .mapToObj(Long::toString),
                rest.stream())
            .iterator();
  }

  /**
   * The id as a long when it is in canonical decimal form (no sign, no leading zero, at most 18
   * digits), else -1: two ids are equal exactly when these longs are, for ids that have one.
   */
  public static long numeric(String id) {
    int length = id.length();
    if (length == 0 || length > MAX_DIGITS || (id.charAt(0) == '0' && length > 1)) {
      return EMPTY;
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return EMPTY;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The slot holding {@code value}, or the empty slot where it would go. */
  static int find(long[] table, long value) {
    int mask = table.length - 1;
    int i = home(value, mask);
    while (table[i] != EMPTY && table[i] != value) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static int home(long value, int mask) {
    long mixed = value * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads consecutive ids
    return (int) (mixed >>> 32) & mask;
  }

  private void grow() {
    long[] old = slots;
    slots = newSlots(old.length * 2);
    rehash(old, slots);
  }

  /**
   * Puts the keys of {@code old} into {@code table}, a larger empty one; returns, for each slot of
   * {@code old}, the slot its key now has in {@code table} (-1 for an empty one), so that a map can
   * move its values along.
   */
  static int[] rehash(long[] old, long[] table) {
    int[] moved = new int[old.length];
    for (int i = 0; i < old.length; i++) {
      moved[i] = -1;
      if (old[i] != EMPTY) {
        moved[i] = find(table, old[i]);
        table[moved[i]] = old[i];
      }
    }
    return moved;
  }

  static long[] newSlots(int capacity) {
    long[] table = new long[capacity];
    Arrays.fill(table, EMPTY);
    return table;
  }
}
