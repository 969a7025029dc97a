package org.fafbulk;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A set of FAF ids that costs 8 to 16 bytes per decimal id instead of a {@code HashSet<String>}'s
 * ~100: a run over 20,000 maps holds several such sets for its whole length. An id in canonical
 * decimal form (no sign, no leading zero, at most 18 digits) is kept as a {@code long} in an
 * open-addressing table; any other string, which a server may send, is kept as itself, so the set
 * answers exactly as a set of strings would.
 */
public final class IdSet {
  static final long EMPTY = -1; // numeric ids are never negative
  private static final int MAX_DIGITS = 18; // 10^18 - 1 still fits in a long

  private long[] slots = newSlots(16);
  private int numericCount;
  private final Set<String> others = new HashSet<>();

  /** Adds {@code id}; returns true when it was not in the set. */
  public boolean add(String id) {
    long value = numeric(id);
    if (value == EMPTY) {
      return others.add(id);
    }
    if (numericCount + 1 > slots.length / 2) {
      grow();
    }
    int slot = find(slots, value);
    if (slots[slot] == value) {
      return false;
    }
    slots[slot] = value;
    numericCount++;
    return true;
  }

  public boolean contains(String id) {
    long value = numeric(id);
    return value == EMPTY ? others.contains(id) : slots[find(slots, value)] == value;
  }

  /** Removes {@code id}; returns true when it was in the set. */
  public boolean remove(String id) {
    long value = numeric(id);
    if (value == EMPTY) {
      return others.remove(id);
    }
    int hole = find(slots, value);
    if (slots[hole] != value) {
      return false;
    }
    slots[hole] = EMPTY;
    numericCount--;
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

  public int size() {
    return numericCount + others.size();
  }

  /**
   * The ids in a stable order, numeric ones by value and then the others as strings sort: state
   * files written from it read the same from one run to the next.
   */
  public Iterable<String> inOrder() {
    long[] numbers = Arrays.stream(slots).filter(value -> value != EMPTY).sorted().toArray();
    List<String> rest = others.stream().sorted().toList();
    return () ->
        Stream.concat(Arrays.stream(numbers).mapToObj(Long::toString), rest.stream()).iterator();
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
    for (long value : old) {
      if (value != EMPTY) {
        slots[find(slots, value)] = value;
      }
    }
  }

  static long[] newSlots(int capacity) {
    long[] table = new long[capacity];
    Arrays.fill(table, EMPTY);
    return table;
  }
}
