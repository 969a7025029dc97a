package org.fafbulk;

/**
 * The open-addressing table of numeric ids that {@link IdMap} and {@link IdLongMap} share: ids as
 * {@code long}s, at most three quarters of the slots used, doubled when full. A subclass keeps its
 * values in an array of its own, slot for slot, and moves them along when the table grows.
 */
abstract class IdSlots {
  private long[] keys = IdSet.newSlots(16);
  private int numericCount;

  /** The slot of numeric {@code key}, which takes one (growing the table) when it had none. */
  final int claim(long key) {
    if (numericCount + 1 > keys.length / 4 * 3) {
      long[] old = keys;
      keys = IdSet.newSlots(old.length * 2);
      moveValues(IdSet.rehash(old, keys), keys.length);
    }
    int slot = IdSet.find(keys, key);
    if (keys[slot] != key) {
      keys[slot] = key;
      numericCount++;
    }
    return slot;
  }

  /** The slot of numeric {@code key}, or -1 when it has none. */
  final int slotOf(long key) {
    int slot = IdSet.find(keys, key);
    return keys[slot] == key ? slot : -1;
  }

  final int numericCount() {
    return numericCount;
  }

  /**
   * Forgets every key and gives the table back, so that a table that was large does not stay so.
   */
  final void clearSlots() {
    keys = IdSet.newSlots(16);
    numericCount = 0;
    moveValues(new int[0], keys.length);
  }

  /**
   * Gives the values an array of {@code capacity} slots, the value of old slot i at slot {@code
   * moved[i]} (none where that is -1).
   */
  abstract void moveValues(int[] moved, int capacity);

  /**
   * Copies the value of old slot i from array {@code from} to slot {@code moved[i]} of array {@code
   * to}, of the same component type, for every slot that held a key: the one loop that both
   * subclasses' {@link #moveValues} need, whatever their values' type.
   */
  static void move(Object from, Object to, int[] moved) {
    for (int i = 0; i < moved.length; i++) {
      if (moved[i] >= 0) {
        System.arraycopy(from, i, to, moved[i], 1);
      }
    }
  }
}
