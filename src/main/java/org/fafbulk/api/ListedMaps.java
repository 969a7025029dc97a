package org.fafbulk.api;

/**
 * A page's listed maps, taken oldest first; closing gives back what they keep off the heap (a
 * scratch file), which a consumer that stops early must do.
 */
interface ListedMaps extends AutoCloseable {
  boolean isEmpty();

  /** Takes the oldest map, unpacked. */
  FafMap removeFirst();

  @Override
  default void close() {}
}
