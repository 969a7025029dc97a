package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.fafbulk.download.Disk;
import org.fafbulk.download.MapFailure;
import org.fafbulk.state.CheckpointStore;
import org.fafbulk.state.FailureLog;
import org.fafbulk.state.MapsIndex;

/**
 * Everything a run records: checkpoint.json, failures.json, maps.json, the counts and the progress
 * lines. One thread owns it and is its only writer; any other caller is refused, so that the rule
 * holds by construction and not only by comment. Closing it deletes maps.json's scratch file.
 */
final class Ledger implements AutoCloseable {
  /** One state file's flush, for {@link #writeState()}. */
  @FunctionalInterface
  private interface StateWrite {
    void run() throws IOException;
  }

  private final Thread owner = Thread.currentThread();
  private final Path dir;
  private final CheckpointStore checkpoint;
  private final FailureLog failures;
  private final MapsIndex index;
  private final Progress progress;
  private final Clock clock;
  private final FolderClaims folderOwners = new FolderClaims();
  private int downloaded;
  private int skipped;
  private int failed;
  private Optional<String> diskFull = Optional.empty();
  private Optional<IOException> stateError = Optional.empty();
  private long bookkeepingNanos;

  Ledger(
      Path dir,
      CheckpointStore checkpoint,
      FailureLog failures,
      MapsIndex index,
      Progress progress,
      Clock clock) {
    this.dir = dir;
    this.checkpoint = checkpoint;
    this.failures = failures;
    this.index = index;
    this.progress = progress;
    this.clock = clock;
  }

  /** Which map of this run claimed {@code folder}, if any. */
  Optional<String> folderOwner(String folder) {
    checkOwner();
    return folderOwners.owner(folder);
  }

  /**
   * Applies an admission decision; returns true when the map is present without a full maps.json
   * record, so that its folder should be described.
   */
  boolean admit(MapTarget target, Admission decision) {
    checkOwner();
    if (decision instanceof Admission.Repeated) {
      // Its first listing is in hand and records the outcome: marking it completed here would
      // name a map in checkpoint.json (and maps.json) that may still be downloading, or fail.
      return false;
    }
    if (decision instanceof Admission.Refused refused) {
      fail(target, refused.reason());
      return false;
    }
    folderOwners.claim(target.folder(), target.id());
    if (decision instanceof Admission.Download) {
      checkpoint.forget(target.id());
      index.forget(target.id());
      return false;
    }
    checkpoint.completed(target.id());
    failures.succeeded(target.id());
    boolean described = index.hasScenario(target.id());
    if (!index.contains(target.id())) {
      index.put(MapRecords.present(target)); // at once, in case the run stops first
    }
    skipped++;
    progress.finished("skipped", target, "already present", false);
    return !described;
  }

  void started(MapTarget target) {
    checkOwner();
    checkpoint.started(target.id());
  }

  /** Records a durable download, a failure, or a description of a folder in place. */
  void record(Outcome outcome) {
    checkOwner();
    MapTarget target = outcome.target();
    if (outcome instanceof Outcome.Described d) {
      if (index.contains(target.id())) {
        index.put(d.record());
      }
    } else if (outcome instanceof Outcome.Downloaded d) {
      checkpoint.completed(target.id());
      failures.succeeded(target.id());
      index.put(
          MapRecords.downloaded(
              target, d.installed(), d.archiveBytes(), d.scenario(), clock.instant()));
      downloaded++;
      progress.finished("downloaded", target, Units.bytes(d.archiveBytes()), true);
    } else if (outcome instanceof Outcome.Failed f) {
      if (f.kind() == MapFailure.Kind.DISK_FULL) {
        checkpoint.stopped(target.id());
        diskFull = diskFull.or(() -> Optional.of(f.reason()));
      } else {
        fail(target, f.reason());
      }
    } else {
      throw new IllegalArgumentException("a staged map is not recorded before it is published");
    }
  }

  private void fail(MapTarget target, String reason) {
    checkpoint.stopped(target.id());
    failures.failed(target.id(), target.name(), target.url(), reason);
    failed++;
    progress.finished("failed", target, reason, true);
  }

  /** Why the disk counts as full, once a map or a state file found it so. */
  Optional<String> diskFull() {
    return diskFull;
  }

  /** Writes the state files whose flush interval has passed. */
  void flushIfDue() throws IOException {
    checkOwner();
    long start = System.nanoTime();
    try {
      checkpoint.flushIfDue();
      failures.flushIfDue();
      index.flushIfDue();
    } finally {
      bookkeepingNanos += System.nanoTime() - start;
    }
  }

  /**
   * Brings the state files up to date; never throws, so that it can run in a finally. A failure is
   * kept for {@link #stateError()} or, on a full disk, {@link #diskFull()}.
   */
  void writeState() {
    checkOwner();
    long start = System.nanoTime();
    // Each file on its own: when the large maps.json cannot be written (a full disk), the small
    // checkpoint.json and failures.json may still fit, and they matter more. The index goes
    // first: a record without a checkpoint entry heals on the next run.
    writeState(index::flush);
    writeState(checkpoint::flush);
    writeState(failures::flush);
    bookkeepingNanos += System.nanoTime() - start;
  }

  private void writeState(StateWrite write) {
    try {
      write.run();
    } catch (IOException e) {
      if (Disk.isDiskFull(e, dir)) {
        diskFull =
            diskFull.or(() -> Optional.of("cannot write the state files: " + e.getMessage()));
      } else if (stateError.isEmpty()) {
        stateError = Optional.of(e);
      }
    } catch (RuntimeException e) {
      // A state file that cannot be read back (maps.json is streamed through each write) must not
      // keep the others from being written.
      if (stateError.isEmpty()) {
        stateError = Optional.of(new IOException(e.getMessage(), e));
      }
    }
  }

  /** Deletes the scratch files; after {@link #writeState()}, whatever it managed to write. */
  @Override
  public void close() {
    checkOwner();
    index.close();
  }

  /** The first state file that could not be written for another reason than a full disk. */
  Optional<IOException> stateError() {
    return stateError;
  }

  /** Time spent loading state before the ledger existed counts as bookkeeping too. */
  void addBookkeeping(Duration loading) {
    bookkeepingNanos += loading.toNanos();
  }

  Progress progress() {
    return progress;
  }

  RunSummary summary(OptionalLong expected, Duration elapsed, boolean interrupted) {
    checkOwner();
    return new RunSummary(
        downloaded,
        skipped,
        failed,
        expected.orElse((long) downloaded + skipped + failed),
        progress.bytes(),
        elapsed,
        Duration.ofNanos(bookkeepingNanos),
        interrupted);
  }

  private void checkOwner() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "wrong caller thread: the ledger belongs to "
              + owner.getName()
              + ", not "
              + Thread.currentThread().getName());
    }
  }
}
