package org.fafbulk.bulk;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Does the slow part of one map on a worker thread: fetch, check, extract. */
@FunctionalInterface
public interface MapWorker {
  /**
   * Brings {@code target} into {@code outputDir} under a temporary name and reports it as {@link
   * Outcome.Staged}, or why it could not as {@link Outcome.Failed}; never throws. {@code bytes}
   * hears of every byte received (negative when an attempt is abandoned). Touches nothing but its
   * own map's files.
   */
  Outcome work(MapTarget target, Path outputDir, LongConsumer bytes);
}
