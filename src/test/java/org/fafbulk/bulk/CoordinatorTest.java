package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fafbulk.testing.Eventually.await;
import static org.fafbulk.testing.RunOutput.checkpoint;
import static org.fafbulk.testing.RunOutput.mapFolders;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fafbulk.FafException;
import org.fafbulk.download.MapFailure;
import org.fafbulk.testing.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's decisions with a fake {@link MapWorker} and a recording flush: no server, no
 * archive, each test in milliseconds.
 */
class CoordinatorTest {
  @TempDir Path dir;

  private final StopSignal stop = new StopSignal();
  private final StringWriter out = new StringWriter();
  private final RecordingFlush flush = new RecordingFlush();

  private RunSummary run(MapWorker worker, TargetSource targets, int concurrency)
      throws IOException {
    return TestRuns.downloader(dir, concurrency, worker, flush, stop, out)
        .run(targets, TestRuns.selection());
  }

  private CompletableFuture<RunSummary> runInBackground(
      MapWorker worker, TargetSource targets, int concurrency) {
    return inBackground(() -> run(worker, targets, concurrency));
  }

  /** A run on another thread, so that the test can watch it and act while it goes on. */
  private static CompletableFuture<RunSummary> inBackground(Callable<RunSummary> run) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return run.call();
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        });
  }

  private List<String> completed() throws IOException {
    List<String> ids = new ArrayList<>();
    checkpoint(dir).get("completed").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  @Nested
  class Concurrency {
    @Test
    void runsNoMoreWorkersAtOnceThanAsked() throws Exception {
      CountDownLatch gate = new CountDownLatch(1);
      StagingWorker worker = StagingWorker.gated(gate);
      CompletableFuture<RunSummary> run =
          runInBackground(worker, new ListTargets(StagingWorker.targets(12)), 3);

      await("three workers busy", () -> worker.active.get() == 3);
      assertThat(worker.started.get()).isEqualTo(3);
      gate.countDown();
      RunSummary summary = run.get(60, TimeUnit.SECONDS);

      assertThat(worker.mostActive.get()).isEqualTo(3);
      assertThat(summary.downloaded()).isEqualTo(12);
      assertThat(mapFolders(dir)).hasSize(12);
    }
  }

  @Nested
  class Pacing {
    @Test
    void nextDownloadWaitsForTheDelayOnTheInjectedClock() throws Exception {
      MutableClock clock = new MutableClock(Instant.parse("2026-11-27T00:00:00Z"));
      StagingWorker worker = new StagingWorker();
      CompletableFuture<RunSummary> run =
          inBackground(
              () ->
                  TestRuns.downloader(dir, 4, Duration.ofHours(1), clock, worker, flush, stop, out)
                      .run(new ListTargets(StagingWorker.targets(3)), TestRuns.selection()));

      // Once the first map is recorded, the coordinator has gone round its loop with a free
      // worker and two maps waiting: only the delay can be holding the second one back.
      await("the first map in checkpoint.json", () -> completedOrNone().contains("1"));
      assertThat(worker.started.get()).isEqualTo(1);
      clock.advance(Duration.ofHours(1));
      await("the second start", () -> worker.started.get() == 2);
      clock.advance(Duration.ofHours(1));
      RunSummary summary = run.get(60, TimeUnit.SECONDS);

      assertThat(summary.downloaded()).isEqualTo(3);
    }
  }

  /** The ids checkpoint.json lists as completed; none while it is missing or being replaced. */
  private List<String> completedOrNone() {
    try {
      return Files.exists(dir.resolve("checkpoint.json")) ? completed() : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Nested
  class Stopping {
    @Test
    void stopLetsRunningMapsFinishAndStartsNoMore() throws Exception {
      CountDownLatch gate = new CountDownLatch(1);
      StagingWorker worker = StagingWorker.gated(gate);
      ListTargets targets = new ListTargets(StagingWorker.targets(10));
      CompletableFuture<RunSummary> run = runInBackground(worker, targets, 2);

      await("two workers busy", () -> worker.active.get() == 2);
      stop.request();
      gate.countDown();
      RunSummary summary = run.get(60, TimeUnit.SECONDS);

      assertThat(targets.closed()).as("the listing is closed when the run returns").isTrue();
      assertThat(summary.interrupted()).isTrue();
      assertThat(summary.downloaded()).isEqualTo(2);
      assertThat(worker.started.get()).isEqualTo(2);
      assertThat(completed()).containsExactlyInAnyOrder("1", "2");
      assertThat(checkpoint(dir).get("in_progress")).isEmpty();
      assertThat(mapFolders(dir)).containsExactly("map_1.v0001", "map_2.v0001");
    }

    @Test
    void fullDiskStopsTheRunAndKeepsWhatFinished() throws IOException {
      StagingWorker worker =
          new StagingWorker(
              target ->
                  target.id().equals("3")
                      ? Optional.of(
                          new Outcome.Failed(
                              target, "disk full: no space left", MapFailure.Kind.DISK_FULL))
                      : Optional.empty());

      assertThatThrownBy(() -> run(worker, new ListTargets(StagingWorker.targets(20)), 1))
          .isInstanceOf(FafException.class)
          .hasMessageStartingWith("the disk is full (disk full: no space left)")
          .hasMessageEndingWith("faf bulk-download --resume --output-dir " + dir);

      assertThat(completed()).containsExactly("1", "2");
      assertThat(worker.started.get()).isEqualTo(3);
      assertThat(Files.exists(dir.resolve("failures.json"))).isTrue();
    }
  }

  @Nested
  class Listing {
    @Test
    void aListingThatWaitsDoesNotHoldUpDownloadsNorTheCheckpoint() throws Exception {
      ListTargets targets = new ListTargets(StagingWorker.targets(6), 3);
      CompletableFuture<RunSummary> run = runInBackground(new StagingWorker(), targets, 2);

      // The listing now waits, as it does out a 429 with a long Retry-After: what was listed
      // before is downloaded, published and written to checkpoint.json meanwhile.
      await("the listing to pause", targets::paused);
      await("checkpoint.json to list the first page", () -> completedOrNone().size() == 3);
      assertThat(targets.paused()).isTrue();
      assertThat(out.toString()).contains("downloaded map_3.v0001");
      targets.resume();
      RunSummary summary = run.get(60, TimeUnit.SECONDS);

      assertThat(summary.downloaded()).isEqualTo(6);
      assertThat(completed()).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
    }

    @Test
    void aListingWaitsOnceAWindowOfMapsWaitsForAWorker() throws Exception {
      CountDownLatch gate = new CountDownLatch(1);
      StagingWorker worker = StagingWorker.gated(gate);
      ListTargets targets = new ListTargets(StagingWorker.targets(300));
      CompletableFuture<RunSummary> run = runInBackground(worker, targets, 1);

      // One map is downloading and a window of them waits for the worker: the rest of a listing
      // (an API page) must stay where it is, not be queued as targets for the length of a run.
      int window = Coordinator.LISTING_WINDOW;
      // (the worker thread may count its start after the listing has filled the window)
      await(
          "the listing to wait with a window of maps queued and one map started",
          () ->
              targets.waitsForPermit()
                  && targets.listed() == 1 + window
                  && worker.started.get() == 1);
      assertThat(targets.listed()).isEqualTo(1 + window);
      gate.countDown();
      RunSummary summary = run.get(60, TimeUnit.SECONDS);

      assertThat(summary.downloaded()).isEqualTo(300);
    }

    @Test
    void aListingErrorEndsTheRunAfterWritingState() throws IOException {
      TargetSource failing =
          new ListTargets(StagingWorker.targets(2)) {
            private int calls;

            @Override
            public boolean hasNext() {
              if (++calls > 2) {
                throw FafException.fatal("cannot reach the FAF API");
              }
              return super.hasNext();
            }
          };

      assertThatThrownBy(() -> run(new StagingWorker(), failing, 1))
          .hasMessage("cannot reach the FAF API");
      assertThat(Files.exists(dir.resolve("checkpoint.json"))).isTrue();
    }
  }

  @Nested
  class Crashes {
    @Test
    void workerThatThrowsEndsTheRunInsteadOfHangingIt() throws IOException {
      StagingWorker worker =
          new StagingWorker(
              target -> {
                throw new AssertionError("a bug in a worker");
              });

      assertThatThrownBy(() -> run(worker, new ListTargets(StagingWorker.targets(3)), 2))
          .hasMessage("a worker thread died")
          .hasRootCauseMessage("a bug in a worker");
      assertThat(Files.exists(dir.resolve("checkpoint.json"))).isTrue();
    }

    @Test
    void listingThatThrowsAnErrorEndsTheRun() {
      TargetSource broken =
          new ListTargets(StagingWorker.targets(1)) {
            @Override
            public boolean hasNext() {
              throw new LinkageError("a class that did not load");
            }
          };

      assertThatThrownBy(() -> run(new StagingWorker(), broken, 1))
          .hasRootCauseMessage("a class that did not load");
    }

    @Test
    void mapListedTwiceIsDownloadedOnce() throws IOException {
      List<MapTarget> once = StagingWorker.targets(2);
      StagingWorker worker = new StagingWorker();

      RunSummary summary =
          run(worker, new ListTargets(List.of(once.get(0), once.get(1), once.get(0))), 2);

      assertThat(worker.started.get()).isEqualTo(2);
      assertThat(summary.downloaded()).isEqualTo(2);
      assertThat(summary.failed()).isZero();
      assertThat(completed()).containsExactlyInAnyOrder("1", "2");
    }
  }

  @Nested
  class Publishing {
    @Test
    void mapsArePublishedInBatchesOnceFlushed() throws Exception {
      CountDownLatch allStaged = new CountDownLatch(6);
      // Map 1 alone makes the first batch: the others stage only once its flush has begun, so
      // that they queue behind it however the threads are scheduled.
      CountDownLatch firstFlushBegun = new CountDownLatch(1);
      RecordingFlush slowFirst =
          new RecordingFlush() {
            @Override
            void during(List<Path> folders) throws IOException {
              // No map takes its final name before it is flushed: the folders in place are
              // exactly those of the batches flushed before this one.
              assertThat(mapFolders(dir)).hasSize(flushedFolders());
              if (batches.isEmpty()) {
                firstFlushBegun.countDown();
                try {
                  allStaged.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
          };
      StagingWorker worker = new StagingWorker();
      MapWorker countingWorker =
          (target, outputDir, bytes) -> {
            if (!target.id().equals("1")) {
              try {
                firstFlushBegun.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            Outcome outcome = worker.work(target, outputDir, bytes);
            allStaged.countDown();
            return outcome;
          };

      RunSummary summary =
          TestRuns.downloader(dir, 6, countingWorker, slowFirst, stop, out)
              .run(new ListTargets(StagingWorker.targets(6)), TestRuns.selection());

      assertThat(summary.downloaded()).isEqualTo(6);
      assertThat(slowFirst.flushedFolders()).isEqualTo(6);
      // The first batch waits on the disk while the other five queue up behind it.
      assertThat(slowFirst.batches.get(0)).hasSize(1);
      assertThat(slowFirst.batches.size()).isBetween(2, 3);
      JsonNode checkpoint = checkpoint(dir);
      assertThat(checkpoint.get("completed")).hasSize(6);
    }
  }
}
