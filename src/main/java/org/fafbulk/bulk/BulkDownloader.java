package org.fafbulk.bulk;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fafbulk.Errors;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.download.ArchiveFetcher;
import org.fafbulk.download.Disk;
import org.fafbulk.download.FolderNames;
import org.fafbulk.download.MapFailure;
import org.fafbulk.download.MapInstaller;
import org.fafbulk.state.Checkpoint;
import org.fafbulk.state.CheckpointStore;
import org.fafbulk.state.FailureLog;
import org.fafbulk.state.FlushSchedule;
import org.fafbulk.state.MapRecord;
import org.fafbulk.state.MapsIndex;
import org.fafbulk.state.OutputLock;

/**
 * Downloads a selection of maps into one output directory: a fixed pool of workers fetches and
 * installs, while the calling thread alone starts them (politely spaced), collects their outcomes
 * and writes checkpoint.json and failures.json.
 */
public final class BulkDownloader {
  private static final long POLL_MILLIS = 200;

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
  private final ArchiveFetcher fetcher;
  private final MapInstaller installer;
  private final PrintWriter out;
  private final boolean terminal;
  private final StopSignal stop;
  private final Clock clock;

  public BulkDownloader(
      Settings settings,
      ArchiveFetcher fetcher,
      MapInstaller installer,
      PrintWriter out,
      boolean terminal,
      StopSignal stop,
      Clock clock) {
    this.settings = settings;
    this.fetcher = fetcher;
    this.installer = installer;
    this.out = out;
    this.terminal = terminal;
    this.stop = stop;
    this.clock = clock;
  }

  /**
   * Runs the selection; {@code selection} carries the filters, limit or URL file that
   * checkpoint.json records for {@code --resume}.
   */
  @SuppressWarnings("try") // the lock is held for the run, never referenced
  public RunSummary run(TargetSource targets, Checkpoint selection) {
    Path dir = prepareOutputDir(settings.outputDir());
    try (OutputLock lock = OutputLock.acquire(dir)) {
      OutputDirectory.removeLeftovers(dir);
      long loadStart = System.nanoTime();
      Checkpoint previous = CheckpointStore.load(dir).orElse(selection);
      Checkpoint start =
          new Checkpoint(
              previous.completed(),
              List.of(),
              clock.instant(),
              selection.filters(),
              selection.limit(),
              selection.urlFile());
      CheckpointStore checkpoint =
          new CheckpointStore(dir, clock, new FlushSchedule(settings.flushInterval()), start);
      FailureLog failures = new FailureLog(dir, clock, new FlushSchedule(settings.flushInterval()));
      return new Run(dir, checkpoint, failures, loadStart).execute(targets);
    } catch (IOException e) {
      if (Disk.isDiskFull(e, dir)) {
        throw diskFull(dir, e.getMessage());
      }
      throw FafException.fatal("cannot use the output directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static FafException diskFull(Path dir, String detail) {
    return new FafException(
        ExitCodes.FATAL,
        "the disk is full ("
            + detail
            + "); free some space, then run faf bulk-download --resume --output-dir "
            + dir);
  }

  private static Path prepareOutputDir(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw FafException.fatal(
          "cannot create the output directory "
              + absolute
              + " ("
              + e.getMessage()
              + "); choose another --output-dir",
          e);
    }
    if (!Files.isWritable(absolute)) {
      throw FafException.fatal(
          "the output directory "
              + absolute
              + " is not writable; fix its permissions or choose"
              + " another --output-dir",
          null);
    }
    return absolute;
  }

  /** One state file's flush, for {@link Run#writeState()}. */
  @FunctionalInterface
  private interface StateWrite {
    void run() throws IOException;
  }

  /** The state of one run, owned by the coordinating thread. */
  private final class Run {
    private final Path dir;
    private final CheckpointStore checkpoint;
    private final FailureLog failures;
    private final MapsIndex index;
    private final Progress progress;
    private final Map<String, String> folderOwners = new HashMap<>();
    private final Map<String, MapTarget> running = new LinkedHashMap<>();
    private int downloaded;
    private int describing;
    private int skipped;
    private int failed;
    private Optional<String> diskFull = Optional.empty();
    private Optional<IOException> stateError = Optional.empty();
    private long bookkeepingNanos;
    private final long loadStart;

    /**
     * {@code loadStart}: when loading the state files began, to count it as bookkeeping and as part
     * of the run's elapsed time.
     */
    Run(Path dir, CheckpointStore checkpoint, FailureLog failures, long loadStart) {
      this.loadStart = loadStart;
      this.dir = dir;
      this.checkpoint = checkpoint;
      this.failures = failures;
      this.index = new MapsIndex(dir, clock, new FlushSchedule(settings.flushInterval()));
      this.bookkeepingNanos = System.nanoTime() - loadStart;
      this.progress = new Progress(out, terminal, settings.quiet());
    }

    RunSummary execute(TargetSource targets) throws IOException {
      progress.start(targets.expected());
      ExecutorService pool =
          Executors.newFixedThreadPool(settings.concurrency(), new WorkerThreads("download"));
      // Folders already in place without a maps.json record are described on a thread of their
      // own, so that downloads never queue behind them and a stop need not wait for them.
      ExecutorService describer = Executors.newSingleThreadExecutor(new WorkerThreads("describe"));
      BlockingQueue<Future<Outcome>> finished = new LinkedBlockingQueue<>();
      CompletionService<Outcome> completions = new ExecutorCompletionService<>(pool, finished);
      CompletionService<Outcome> descriptions =
          new ExecutorCompletionService<>(describer, finished);
      boolean interrupted = false;
      try {
        long nextStart = System.nanoTime();
        while (!stopping() && targets.hasNext()) {
          MapTarget target = targets.next();
          if (!admit(target, descriptions)) {
            continue;
          }
          while (running.size() >= settings.concurrency() || System.nanoTime() < nextStart) {
            long waitNanos = Math.max(0, nextStart - System.nanoTime());
            long waitMillis =
                running.size() >= settings.concurrency()
                    ? POLL_MILLIS
                    : Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(waitNanos));
            collect(completions, waitMillis);
            if (stopping()) {
              break;
            }
          }
          if (stopping()) {
            checkpoint.stopped(target.id());
            break;
          }
          running.put(target.id(), target);
          checkpoint.started(target.id());
          completions.submit(() -> work(target));
          nextStart = System.nanoTime() + settings.delay().toNanos();
          flushIfDue();
        }
        // Running downloads always finish (unless abandoned); descriptions only when the run was
        // not stopped: a record left as the API gave it is described again on the next run.
        while ((!running.isEmpty() || (describing > 0 && !stopping()))
            && !stop.abandonRequested()) {
          collect(completions, POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        interrupted = true;
      } finally {
        describer.shutdownNow();
        if (stop.abandonRequested() || interrupted) {
          pool.shutdownNow();
        } else {
          pool.shutdown();
        }
        progress.end();
        writeState();
      }
      if (stateError.isPresent()) {
        throw stateError.get();
      }
      RunSummary summary =
          new RunSummary(
              downloaded,
              skipped,
              failed,
              targets.expected().orElse(downloaded + skipped + failed),
              progress.bytes(),
              Duration.ofNanos(System.nanoTime() - loadStart),
              Duration.ofNanos(bookkeepingNanos),
              stop.stopRequested() || interrupted);
      if (diskFull.isPresent()) {
        throw diskFull(dir, diskFull.get());
      }
      return summary;
    }

    private boolean stopping() {
      return stop.stopRequested() || diskFull.isPresent();
    }

    /** Brings the state files up to date; never throws, so that it can run in a finally. */
    private void writeState() {
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
      }
    }

    /**
     * Decides what to do with a target before any download: false when it is settled here. A map
     * already in place without a maps.json record is handed to a worker to describe.
     */
    private boolean admit(MapTarget target, CompletionService<Outcome> descriptions)
        throws IOException {
      Optional<String> unsafe = FolderNames.problem(target.folder());
      if (unsafe.isPresent()) {
        fail(
            target,
            "refused folder name '"
                + FolderNames.printable(target.folder())
                + "': it "
                + unsafe.get());
        return false;
      }
      String owner = folderOwners.putIfAbsent(target.folder(), target.id());
      if (owner != null && !owner.equals(target.id())) {
        fail(target, "folder " + target.folder() + " is already claimed by map " + owner);
        return false;
      }
      if (Files.isDirectory(dir.resolve(target.folder()))) {
        // A folder under its final name is complete by construction.
        checkpoint.completed(target.id());
        failures.succeeded(target.id());
        Optional<MapRecord> record = index.get(target.id());
        if (record.isEmpty() || record.get().scenario().isEmpty()) {
          if (record.isEmpty()) {
            index.put(MapRecords.present(target)); // at once, in case the run stops first
          }
          describing++;
          descriptions.submit(() -> describe(target));
        }
        skipped++;
        progress.finished("skipped", target, "already present", false);
        flushIfDue();
        return false;
      }
      checkpoint.forget(target.id());
      index.forget(target.id());
      return true;
    }

    private void collect(CompletionService<Outcome> completions, long waitMillis)
        throws InterruptedException, IOException {
      Future<Outcome> next = completions.poll(waitMillis, TimeUnit.MILLISECONDS);
      while (next != null) {
        record(get(next));
        next = completions.poll();
      }
      progress.refresh();
      flushIfDue();
    }

    private Outcome get(Future<Outcome> future) throws InterruptedException {
      try {
        return future.get();
      } catch (java.util.concurrent.ExecutionException e) {
        // work() and describe() catch every exception; an Error is all that can get here
        throw new IllegalStateException("a download worker died", e.getCause());
      }
    }

    private void record(Outcome outcome) {
      MapTarget target = outcome.target();
      if (outcome instanceof Outcome.Described d) {
        describing--;
        if (index.contains(target.id())) {
          index.put(d.record());
        }
        return;
      }
      running.remove(target.id());
      if (outcome instanceof Outcome.Downloaded d) {
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
          diskFull = Optional.of(f.reason());
        } else {
          fail(target, f.reason());
        }
      }
    }

    private void fail(MapTarget target, String reason) {
      checkpoint.stopped(target.id());
      failures.failed(target.id(), target.name(), target.url(), reason);
      failed++;
      progress.finished("failed", target, reason, true);
    }

    private void flushIfDue() throws IOException {
      long start = System.nanoTime();
      try {
        checkpoint.flushIfDue();
        failures.flushIfDue();
        index.flushIfDue();
      } finally {
        bookkeepingNanos += System.nanoTime() - start;
      }
    }

    /** Runs on the describing thread: reads a map folder that was already in place. */
    private Outcome describe(MapTarget target) {
      // MapRecords.described catches whatever reading the folder throws: it only adds metadata.
      return new Outcome.Described(
          target, MapRecords.described(target, dir.resolve(target.folder())));
    }

    /** Runs on a worker thread: touches nothing but its own map's files. */
    private Outcome work(MapTarget target) {
      try {
        ArchiveFetcher.Fetched fetched =
            fetcher.fetch(ArchiveFetcher.parseUrl(target.url()), dir, progress::addBytes);
        try {
          MapInstaller.Installed installed =
              installer.install(fetched.file(), dir, Optional.of(target.folder()));
          return new Outcome.Downloaded(
              target,
              installed,
              fetched.bytes(),
              MapRecords.readScenario(installed.map().scenario()));
        } finally {
          Files.deleteIfExists(fetched.file());
        }
      } catch (MapFailure e) {
        return new Outcome.Failed(target, e.getMessage(), e.kind());
      } catch (IOException | RuntimeException e) {
        return new Outcome.Failed(target, Errors.describe(e), MapFailure.Kind.PERMANENT);
      }
    }
  }

  /** Names worker threads and makes them daemons, so that they never keep the JVM alive. */
  private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
    private final String kind;
    private final AtomicInteger count = new AtomicInteger();

    WorkerThreads(String kind) {
      this.kind = kind;
    }

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "faf-" + kind + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
