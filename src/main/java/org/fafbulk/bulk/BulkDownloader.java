package org.fafbulk.bulk;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.fafbulk.FafException;
import org.fafbulk.download.Disk;
import org.fafbulk.download.FolderFlush;
import org.fafbulk.state.Checkpoint;
import org.fafbulk.state.CheckpointStore;
import org.fafbulk.state.FailureLog;
import org.fafbulk.state.FlushSchedule;
import org.fafbulk.state.JsonFiles;
import org.fafbulk.state.MapsIndex;
import org.fafbulk.state.OutputLock;
import org.fafbulk.state.StateFileException;

/**
 * Downloads a selection of maps into one output directory: locks it, loads what earlier runs
 * recorded, lets a {@link Coordinator} run the selection, and writes the state files at the end,
 * whatever happened.
 */
public final class BulkDownloader {
  /** How a run behaves. */
  public record Settings(
      Path outputDir, int concurrency, Duration delay, Duration flushInterval, boolean quiet) {
    public Settings {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1");
      }
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative");
      }
    }
  }

  private final Settings settings;
  private final JsonFiles json;
  private final MapWorker worker;
  private final Function<Path, FolderFlush> flushes;
  private final PrintWriter out;
  private final boolean terminal;
  private final StopSignal stop;
  private final Clock clock;

  /**
   * {@code flushes} gives the {@link FolderFlush} for the output directory (usually {@link
   * FolderFlush#forDirectory}).
   */
  public BulkDownloader(
      Settings settings,
      JsonFiles json,
      MapWorker worker,
      Function<Path, FolderFlush> flushes,
      PrintWriter out,
      boolean terminal,
      StopSignal stop,
      Clock clock) {
    this.settings = settings;
    this.json = json;
    this.worker = worker;
    this.flushes = flushes;
    this.out = out;
    this.terminal = terminal;
    this.stop = stop;
    this.clock = clock;
  }

  /**
   * Runs the selection; {@code selection} carries the filters, limit or URL file that
   * checkpoint.json records for {@code --resume}. A state file that cannot be used as it is stops
   * the run with a {@link StateFileException}; any other I/O error with the output directory with a
   * {@link FafException}.
   */
  @SuppressWarnings("try") // the lock is held for the run, never referenced
  public RunSummary run(TargetSource targets, Checkpoint selection) throws StateFileException {
    Path dir = OutputDirectory.prepare(settings.outputDir());
    try (OutputLock lock = OutputLock.acquire(dir)) {
      long loadStart = System.nanoTime();
      OutputDirectory.removeLeftovers(dir);
      try (Ledger ledger = openLedger(dir, selection)) {
        ledger.addBookkeeping(Duration.ofNanos(System.nanoTime() - loadStart));
        return run(dir, targets, ledger, loadStart);
      }
    } catch (StateFileException e) {
      throw e; // its message already says which file, what is wrong and what to do
    } catch (IOException e) {
      if (Disk.isDiskFull(e, dir)) {
        throw OutputDirectory.diskFull(dir, e.getMessage());
      }
      throw FafException.fatal("cannot use the output directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private Ledger openLedger(Path dir, Checkpoint selection) throws StateFileException {
    Checkpoint previous = CheckpointStore.load(json, dir).orElse(selection);
    Checkpoint start =
        new Checkpoint(
            previous.completed(),
            List.of(),
            clock.instant(),
            selection.filters(),
            selection.limit(),
            selection.urlFile());
    FlushSchedule schedule = new FlushSchedule(settings.flushInterval());
    return new Ledger(
        dir,
        new CheckpointStore(json, dir, clock, schedule, start),
        new FailureLog(json, dir, clock, new FlushSchedule(settings.flushInterval())),
        new MapsIndex(json, dir, clock, new FlushSchedule(settings.flushInterval())),
        new Progress(out, terminal, settings.quiet()),
        clock);
  }

  private RunSummary run(Path dir, TargetSource targets, Ledger ledger, long loadStart)
      throws IOException {
    Progress progress = ledger.progress();
    progress.start(targets.expected());
    Coordinator coordinator =
        new Coordinator(
            dir,
            settings.concurrency(),
            worker,
            new Publisher(dir, flushes.apply(dir)),
            ledger,
            progress,
            new StartPacer(clock, settings.delay()),
            stop);
    boolean interrupted;
    try {
      interrupted = coordinator.run(targets);
    } finally {
      progress.end();
      ledger.writeState();
    }
    if (ledger.stateError().isPresent()) {
      throw ledger.stateError().get();
    }
    RunSummary summary =
        ledger.summary(
            targets.expected(),
            Duration.ofNanos(System.nanoTime() - loadStart),
            stop.stopRequested() || interrupted);
    if (ledger.diskFull().isPresent()) {
      throw OutputDirectory.diskFull(dir, ledger.diskFull().get());
    }
    return summary;
  }
}
