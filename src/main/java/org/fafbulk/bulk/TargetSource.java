package org.fafbulk.bulk;

import java.util.Iterator;
import java.util.OptionalLong;

/**
 * The maps a run selects, in a deterministic order, consumed lazily; closed once the run stops
 * consuming it, which gives back what it keeps outside the heap.
 */
public interface TargetSource extends Iterator<MapTarget>, AutoCloseable {
  /** How many maps the selection holds, when that is known before it is consumed. */
  OptionalLong expected();

  /** How many maps match before any limit, when known; the selection is the first of them. */
  default OptionalLong matching() {
    return expected();
  }

  @Override
  default void close() {}
}
