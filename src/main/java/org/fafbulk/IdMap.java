package org.fafbulk;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A map from FAF ids to values that costs 16 to 32 bytes an entry (a long and a reference a slot,
 * at most three quarters of the slots used) instead of a {@code HashMap<String, V>}'s ~90: a
 * 10,000-map page indexes its versions by id while it is read, and maps.json's pending records are
 * found by id. As in {@link IdSet}, an id in canonical decimal form is kept as a {@code long} in an
 * open-addressing table and any other string as itself, so it answers exactly as a map keyed by
 * strings would.
 */
public final class IdMap<V> {
  private long[] keys = IdSet.newSlots(16);
  private Object[] values = new Object[16];
  private int numericCount;
  private final Map<String, V> others = new HashMap<>();

  /** Maps {@code id} to {@code value}, replacing what it mapped to: the last one given wins. */
  public void put(String id, V value) {
    Objects.requireNonNull(value, "value");
    long key = IdSet.numeric(id);
    if (key == IdSet.EMPTY) {
      others.put(id, value);
      return;
    }
    if (numericCount + 1 > keys.length / 4 * 3) {
      grow();
    }
    int slot = IdSet.find(keys, key);
    if (keys[slot] != key) {
      keys[slot] = key;
      numericCount++;
    }
    values[slot] = value;
  }

  public Optional<V> get(String id) {
    long key = IdSet.numeric(id);
    if (key == IdSet.EMPTY) {
      return Optional.ofNullable(others.get(id));
    }
    int slot = IdSet.find(keys, key);
    return keys[slot] == key ? Optional.of(value(slot)) : Optional.empty();
  }

  public int size() {
    return numericCount + others.size();
  }

  /** Empties the map and gives its tables back, so that a map that was large does not stay so. */
  public void clear() {
    keys = IdSet.newSlots(16);
    values = new Object[16];
    numericCount = 0;
    others.clear();
  }

  @SuppressWarnings("unchecked") // values[slot] holds only what put stored there, a V
  private V value(int slot) {
    return (V) values[slot];
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = IdSet.newSlots(oldKeys.length * 2);
    values = new Object[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != IdSet.EMPTY) {
        int slot = IdSet.find(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
