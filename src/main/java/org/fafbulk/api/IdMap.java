package org.fafbulk.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fafbulk.IdSet;

/**
 * A map from FAF ids to values that costs 16 to 32 bytes an entry (a long and a reference a slot,
 * at most three quarters of the slots used) instead of a {@code HashMap<String, V>}'s ~90: a
 * 10,000-map page indexes its versions by id while it is read. As in {@link IdSet}, an id in
 * canonical decimal form is kept as a {@code long} in an open-addressing table and any other string
 * as itself, so it answers exactly as a map keyed by strings would.
 */
final class IdMap<V> {
  private static final long EMPTY = -1; // IdSet.numeric never gives a negative id

  private long[] keys = newKeys(16);
  private Object[] values = new Object[16];
  private int numericCount;
  private final Map<String, V> others = new HashMap<>();

  /** Maps {@code id} to {@code value}, replacing what it mapped to: the last one given wins. */
  void put(String id, V value) {
    Objects.requireNonNull(value, "value");
    long key = IdSet.numeric(id);
    if (key == EMPTY) {
      others.put(id, value);
      return;
    }
    if (numericCount + 1 > keys.length / 4 * 3) {
      grow();
    }
    int slot = find(keys, key);
    if (keys[slot] != key) {
      keys[slot] = key;
      numericCount++;
    }
    values[slot] = value;
  }

  Optional<V> get(String id) {
    long key = IdSet.numeric(id);
    if (key == EMPTY) {
      return Optional.ofNullable(others.get(id));
    }
    int slot = find(keys, key);
    return keys[slot] == key ? Optional.of(value(slot)) : Optional.empty();
  }

  @SuppressWarnings("unchecked") // values[slot] holds only what put stored there, a V
  private V value(int slot) {
    return (V) values[slot];
  }

  /** The slot holding {@code key}, or the empty slot where it would go. */
  private static int find(long[] table, long key) {
    int mask = table.length - 1;
    int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask; // Fibonacci hashing, as IdSet
    while (table[i] != EMPTY && table[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = newKeys(oldKeys.length * 2);
    values = new Object[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = find(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  private static long[] newKeys(int capacity) {
    long[] table = new long[capacity];
    Arrays.fill(table, EMPTY);
    return table;
  }
}
