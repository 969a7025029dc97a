package org.fafbulk;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A map from FAF ids to {@code long}s, laid out as {@link IdMap} is but with the values in a {@code
 * long[]}: 16 bytes a slot and nothing else an entry, where an {@code IdMap<Long>} adds a 16-byte
 * {@code Long} to each. It holds offsets into scratch files: where each of maps.json's pending
 * records starts, and where each version of a listed page is.
 */
public final class IdLongMap extends IdSlots {
  private long[] values = new long[16];
  private final Map<String, Long> others = new HashMap<>();

  /** Maps {@code id} to {@code value}, replacing what it mapped to: the last one given wins. */
  public void put(String id, long value) {
    long key = IdSet.numeric(id);
    if (key == IdSet.EMPTY) {
      others.put(id, value);
    } else {
      int slot = claim(key); // first: claiming may give values a new array
      values[slot] = value;
    }
  }

  public OptionalLong get(String id) {
    long key = IdSet.numeric(id);
    if (key == IdSet.EMPTY) {
      Long value = others.get(id);
      return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
    int slot = slotOf(key);
    return slot < 0 ? OptionalLong.empty() : OptionalLong.of(values[slot]);
  }

  public int size() {
    return numericCount() + others.size();
  }

  /** Empties the map and gives its tables back, so that a map that was large does not stay so. */
  public void clear() {
    clearSlots();
    others.clear();
  }

  @Override
  void moveValues(int[] moved, int capacity) {
    long[] old = values;
    values = new long[capacity];
    move(old, values, moved);
  }
}
