package org.fafbulk;

import java.util.HashMap;
import java.util.Map;

/**
 * A map from FAF ids to non-negative longs at 16 to 32 bytes per decimal id, where a {@code
 * HashMap<String, Long>} costs ~100: thousands of entries live in one for several seconds of a long
 * run. Ids are told apart exactly as {@link IdSet} does; any id not in canonical decimal form is
 * kept as itself.
 */
public final class IdLongMap {
  /** What {@link #get} answers for an id that has no value. */
  public static final long ABSENT = -1;

  private long[] keys = IdSet.newSlots(16);
  private long[] values = new long[16];
  private int numericCount;
  private final Map<String, Long> others = new HashMap<>();

  /** Maps {@code id} to {@code value}, replacing its earlier value. */
  public void put(String id, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value + " for id " + id);
    }
    long key = IdSet.numeric(id);
    if (key == IdSet.EMPTY) {
      others.put(id, value);
      return;
    }
    if (numericCount + 1 > keys.length / 2) {
      grow();
    }
    int slot = IdSet.find(keys, key);
    if (keys[slot] != key) {
      keys[slot] = key;
      numericCount++;
    }
    values[slot] = value;
  }

  /** The value of {@code id}, or {@link #ABSENT}. */
  public long get(String id) {
    long key = IdSet.numeric(id);
    if (key == IdSet.EMPTY) {
      return others.getOrDefault(id, ABSENT);
    }
    int slot = IdSet.find(keys, key);
    return keys[slot] == key ? values[slot] : ABSENT;
  }

  public int size() {
    return numericCount + others.size();
  }

  /** Empties the map and gives its tables back, so that a map that was large does not stay so. */
  public void clear() {
    keys = IdSet.newSlots(16);
    values = new long[16];
    numericCount = 0;
    others.clear();
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = IdSet.newSlots(oldKeys.length * 2);
    values = new long[keys.length];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != IdSet.EMPTY) {
        int slot = IdSet.find(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
