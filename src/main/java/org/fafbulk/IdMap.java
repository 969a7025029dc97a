package org.fafbulk;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A map from FAF ids to values that costs 16 to 32 bytes an entry (a long and a reference a slot,
 * at most three quarters of the slots used) instead of a {@code HashMap<String, V>}'s ~90: a
 * 10,000-map page indexes its versions and its authors' logins by id while it is read ({@link
 * IdLongMap} holds offsets). As in {@link IdSet}, an id in canonical decimal form is kept as a
 * {@code long} in an open-addressing table and any other string as itself, so it answers exactly as
 * a map keyed by strings would.
 */
public final class IdMap<V> extends IdSlots {
  private Object[] values = new Object[16];
  private final Map<String, V> others = new HashMap<>();

  /** Maps {@code id} to {@code value}, replacing what it mapped to: the last one given wins. */
  public void put(String id, V value) {
    Objects.requireNonNull(value, "value");
    long key = IdSet.numeric(id);
    if (key == IdSet.EMPTY) {
      others.put(id, value);
    } else {
      int slot = claim(key); // first: claiming may give values a new array
      values[slot] = value;
    }
  }

  public Optional<V> get(String id) {
    long key = IdSet.numeric(id);
    if (key == IdSet.EMPTY) {
      return Optional.ofNullable(others.get(id));
    }
    int slot = slotOf(key);
    return slot < 0 ? Optional.empty() : Optional.of(value(slot));
  }

  public int size() {
    return numericCount() + others.size();
  }

  /** Empties the map and gives its tables back, so that a map that was large does not stay so. */
  public void clear() {
    clearSlots();
    others.clear();
  }

  @SuppressWarnings("unchecked") // values[slot] holds only what put stored there, a V
  private V value(int slot) {
    return (V) values[slot];
  }

  @Override
  void moveValues(int[] moved, int capacity) {
    Object[] old = values;
    values = new Object[capacity];
    move(old, values, moved);
  }
}
