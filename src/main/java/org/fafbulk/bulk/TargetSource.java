package org.fafbulk.bulk;

import java.util.Iterator;
import java.util.OptionalLong;

/** The maps a run selects, in a deterministic order, consumed lazily. */
public interface TargetSource extends Iterator<MapTarget> {
  /** How many maps the selection holds, when that is known before it is consumed. */
  OptionalLong expected();

  /** How many maps match before any limit, when known; the selection is the first of them. */
  default OptionalLong matching() {
    return expected();
  }
}
