package org.fafbulk.state;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A state file that its owner changes often and that is rewritten whole, atomically, at most once
 * per flush interval: after every change {@link #flushIfDue} costs nothing until the interval has
 * passed, so a run of 20,000 maps does not rewrite a 20,000-entry file after every map. One thread
 * owns an instance.
 */
final class BatchedJsonFile {
  private final JsonFiles json;
  private final Path file;
  private final Clock clock;
  private final FlushSchedule schedule;
  private final JsonFiles.Content content;
  private boolean dirty;

  /** {@code content} writes the whole file from its owner's state when a write is due. */
  BatchedJsonFile(
      JsonFiles json, Path file, Clock clock, FlushSchedule schedule, JsonFiles.Content content) {
    this.json = json;
    this.file = file;
    this.clock = clock;
    this.schedule = schedule;
    this.content = content;
  }

  /** Records that the owner's state differs from the file. */
  void changed() {
    dirty = true;
  }

  /** Writes the file if it changed and the flush interval has passed; true when it wrote. */
  boolean flushIfDue() throws IOException {
    if (dirty && schedule.due(clock.instant())) {
      return flush();
    }
    return false;
  }

  /** Writes the file now if it changed; true when it wrote. */
  boolean flush() throws IOException {
    if (!dirty) {
      return false;
    }
    long start = System.nanoTime();
    json.write(file, content);
    schedule.flushed(clock.instant(), Duration.ofNanos(System.nanoTime() - start));
    dirty = false;
    return true;
  }
}
