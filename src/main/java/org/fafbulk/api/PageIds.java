package org.fafbulk.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fafbulk.IdSet;

/**
 * The ids of a page's map resources, downloadable or not, for {@link MapListing} to tell whether a
 * page adds anything new: 8 bytes an id in canonical decimal form instead of a string's ~50. They
 * are merged into the listing's set only once the page has been read whole, so a read that failed
 * halfway and was retried does not count its first half as already seen.
 */
final class PageIds {
  private long[] numeric = new long[16];
  private int numericCount;
  private final List<String> others = new ArrayList<>();

  void add(String id) {
    long value = IdSet.numeric(id);
    if (value < 0) {
      others.add(id);
      return;
    }
    if (numericCount == numeric.length) {
      numeric = Arrays.copyOf(numeric, numeric.length * 2);
    }
    numeric[numericCount++] = value;
  }

  int size() {
    return numericCount + others.size();
  }

  /** Adds every id to {@code seen}; returns how many were not in it. */
  int addTo(IdSet seen) {
    int added = 0;
    for (int i = 0; i < numericCount; i++) {
      added += seen.add(Long.toString(numeric[i])) ? 1 : 0;
    }
    for (String id : others) {
      added += seen.add(id) ? 1 : 0;
    }
    return added;
  }
}
