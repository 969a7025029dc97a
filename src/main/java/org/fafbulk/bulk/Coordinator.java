package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The life of one run, on the calling thread: take listed maps, admit them, start downloads on a
 * fixed pool (at most {@code concurrency}, spaced by the pacer), hand finished ones to the
 * publisher in batches, and record everything in the ledger. It never blocks on the network: the
 * listing, the workers, the describer and the publisher all report through one queue of events.
 */
final class Coordinator {
  /** How often the loop wakes with nothing to do, to redraw progress and notice a stop. */
  private static final long IDLE_MILLIS = 200;

  /**
   * How many listed maps may wait for the coordinator or for a free worker: the rest of an API page
   * stays packed in the listing, not queued here as targets (a 10,000-map page as objects held ~7
   * MB for the length of a run).
   */
  static final int LISTING_WINDOW = 256;

  /** How many events one pass of the loop handles before it starts, publishes and flushes. */
  private static final int MAX_EVENTS_PER_PASS = 64;

  private final Path dir;
  private final int concurrency;
  private final MapWorker worker;
  private final Publisher publisher;
  private final Ledger ledger;
  private final Progress progress;
  private final StartPacer pacer;
  private final StopSignal stop;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Deque<MapTarget> admitted = new ArrayDeque<>();
  private final Map<String, MapTarget> running = new LinkedHashMap<>();
  private final List<Outcome.Staged> staged = new ArrayList<>();
  private List<Outcome.Staged> publishing = List.of();
  private int describing;
  private boolean listingEnded;
  private Optional<RuntimeException> listingError = Optional.empty();

  Coordinator(
      Path dir,
      int concurrency,
      MapWorker worker,
      Publisher publisher,
      Ledger ledger,
      Progress progress,
      StartPacer pacer,
      StopSignal stop) {
    this.dir = dir;
    this.concurrency = concurrency;
    this.worker = worker;
    this.publisher = publisher;
    this.ledger = ledger;
    this.progress = progress;
    this.pacer = pacer;
    this.stop = stop;
  }

  /** Runs until every listed map is settled, or the run is stopped; true when interrupted. */
  boolean run(TargetSource targets) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, new DaemonThreads("download"));
    // Folders already in place without a maps.json record are described on a thread of their own,
    // so that downloads never queue behind them and a stop need not wait for them.
    ExecutorService describer = Executors.newSingleThreadExecutor(new DaemonThreads("describe"));
    ExecutorService committer = Executors.newSingleThreadExecutor(new DaemonThreads("publish"));
    try (Listing listing = new Listing(targets, events, LISTING_WINDOW)) {
      listing.start();
      while (!settled()) {
        startWhatMay(pool, listing);
        publishWhatIsStaged(committer);
        Event event = events.poll(waitMillis(), TimeUnit.MILLISECONDS);
        // A bounded drain: a fast listing of maps already present must not hold up starts,
        // publishing and state writes until its whole window is through.
        for (int handled = 0; event != null; handled++) {
          handle(event, listing, describer);
          event = handled < MAX_EVENTS_PER_PASS ? events.poll() : null;
        }
        if (listingError.isPresent()) {
          throw listingError.get();
        }
        progress.refresh();
        ledger.flushIfDue();
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } finally {
      describer.shutdownNow();
      committer.shutdown();
      if (stop.abandonRequested() || Thread.currentThread().isInterrupted()) {
        pool.shutdownNow();
      } else {
        pool.shutdown();
      }
      // Maps still running, staged or being published when the run is abandoned stay
      // in_progress in checkpoint.json: the next run fetches them again.
    }
  }

  private boolean stopping() {
    return stop.stopRequested() || ledger.diskFull().isPresent();
  }

  /**
   * Running downloads always finish and are published (unless abandoned); descriptions only when
   * the run was not stopped: a record left as the API gave it is described on the next run.
   */
  private boolean settled() {
    if (stop.abandonRequested()) {
      return true;
    }
    boolean nothingInFlight = running.isEmpty() && staged.isEmpty() && publishing.isEmpty();
    if (stopping()) {
      return nothingInFlight;
    }
    return listingEnded && admitted.isEmpty() && nothingInFlight && describing == 0;
  }

  private void startWhatMay(ExecutorService pool, Listing listing) {
    while (!stopping()
        && !admitted.isEmpty()
        && running.size() < concurrency
        && pacer.untilNextStart().isZero()) {
      MapTarget target = admitted.removeFirst();
      listing.taken();
      running.put(target.id(), target);
      ledger.started(target);
      pacer.started(); // before the worker runs: the start is what the delay counts from
      pool.execute(
          reporting(() -> new Event.Finished(worker.work(target, dir, progress::addBytes))));
    }
  }

  /** Group commit: a batch leaves as soon as the previous one is done, with all that waited. */
  private void publishWhatIsStaged(ExecutorService committer) {
    if (!publishing.isEmpty() || staged.isEmpty()) {
      return;
    }
    List<Outcome.Staged> batch = List.copyOf(staged);
    staged.clear();
    publishing = batch;
    committer.execute(reporting(() -> new Event.Published(publisher.publish(batch))));
  }

  private long waitMillis() {
    if (!stopping() && !admitted.isEmpty() && running.size() < concurrency) {
      Duration wait = pacer.untilNextStart();
      return Math.max(1, Math.min(IDLE_MILLIS, wait.toMillis()));
    }
    return IDLE_MILLIS;
  }

  private void handle(Event event, Listing listing, ExecutorService describer) {
    if (event instanceof Event.Listed listed) {
      // A map admitted for download keeps its place in the window until it starts.
      if (stopping() || !admit(listed.target(), describer)) {
        listing.taken();
      }
    } else if (event instanceof Event.ListingEnded ended) {
      listingEnded = true;
      listingError = ended.error();
    } else if (event instanceof Event.Finished finished) {
      finished(finished.outcome());
    } else if (event instanceof Event.Crashed crashed) {
      throw new IllegalStateException("a worker thread died", crashed.error());
    } else if (event instanceof Event.Published published) {
      publishing = List.of();
      published.outcomes().forEach(ledger::record);
    }
  }

  /**
   * A task that reports its event, or, should it throw after all, the crash: the coordinator must
   * never wait for an event that will not come.
   */
  private Runnable reporting(Supplier<Event> task) {
    return () -> {
      try {
        events.add(task.get());
      } catch (RuntimeException | Error e) {
        events.add(new Event.Crashed(e));
      }
    };
  }

  /** Admits a listed map; true when it now waits in {@code admitted} to be started. */
  private boolean admit(MapTarget target, ExecutorService describer) {
    Admission decision =
        Admission.decide(
            target,
            ledger.folderOwner(target.folder()),
            folder -> Files.isDirectory(dir.resolve(folder)));
    if (ledger.admit(target, decision)) {
      describing++;
      describer.execute(
          reporting(
              () ->
                  new Event.Finished(
                      new Outcome.Described(
                          target, MapRecords.described(target, dir.resolve(target.folder()))))));
    }
    if (decision instanceof Admission.Download) {
      admitted.addLast(target);
      return true;
    }
    return false; // present, refused, or listed twice (a map in hand already)
  }

  private void finished(Outcome outcome) {
    if (outcome instanceof Outcome.Described) {
      describing--;
      ledger.record(outcome);
      return;
    }
    running.remove(outcome.target().id());
    if (outcome instanceof Outcome.Staged s) {
      staged.add(s); // a worker is free again, while its map waits for the next batch
    } else {
      ledger.record(outcome);
    }
  }
}
