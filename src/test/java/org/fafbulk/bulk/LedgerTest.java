package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fafbulk.testing.RunOutput.checkpoint;
import static org.fafbulk.testing.RunOutput.failures;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.fafbulk.download.MapFailure;
import org.fafbulk.state.Checkpoint;
import org.fafbulk.state.CheckpointStore;
import org.fafbulk.state.FailureLog;
import org.fafbulk.state.FlushSchedule;
import org.fafbulk.state.MapsIndex;
import org.fafbulk.testing.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger on its own: one thread, a temporary directory, no workers. */
class LedgerTest {
  @TempDir Path dir;

  private final Clock clock = Clock.systemUTC();
  private final StringWriter out = new StringWriter();

  private Ledger ledger() throws IOException {
    FlushSchedule always = new FlushSchedule(Duration.ZERO);
    Checkpoint start = TestRuns.selection("9");
    return new Ledger(
        dir,
        new CheckpointStore(TestJson.FILES, dir, clock, always, start),
        new FailureLog(TestJson.FILES, dir, clock, always),
        new MapsIndex(TestJson.FILES, dir, clock, always),
        new Progress(new PrintWriter(out, true), false, false),
        clock);
  }

  private static final MapTarget MAP =
      new MapTarget("1", "Map 1", "http://127.0.0.1:9/a.zip", "a.v0001", Optional.empty());

  @Test
  void refusesCallsFromAnyOtherThread() throws IOException {
    Ledger ledger = ledger();

    assertThatThrownBy(() -> CompletableFuture.runAsync(() -> ledger.started(MAP)).get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("wrong caller thread: the ledger belongs to");
  }

  @Test
  void failureIsLoggedCountedAndNotCompleted() throws IOException {
    Ledger ledger = ledger();
    ledger.admit(MAP, new Admission.Download());
    ledger.started(MAP);
    ledger.record(new Outcome.Failed(MAP, "HTTP 404", MapFailure.Kind.PERMANENT));
    ledger.writeState();

    assertThat(checkpoint(dir).get("completed")).hasSize(1); // "9" from before
    assertThat(checkpoint(dir).get("in_progress")).isEmpty();
    assertThat(failures(dir).get(0).get("error").asText()).isEqualTo("HTTP 404");
    assertThat(ledger.summary(OptionalLong.empty(), Duration.ZERO, false).failed()).isEqualTo(1);
  }

  @Test
  void presentMapIsCompletedSkippedAndToBeDescribed() throws IOException {
    Ledger ledger = ledger();

    assertThat(ledger.admit(MAP, new Admission.AlreadyPresent())).isTrue();
    ledger.writeState();

    assertThat(checkpoint(dir).get("completed").toString()).contains("\"1\"");
    assertThat(ledger.summary(OptionalLong.empty(), Duration.ZERO, false).skipped()).isEqualTo(1);
    assertThat(ledger.folderOwner("a.v0001")).contains("1");
  }

  @Test
  void aMapListedAgainWhileItDownloadsIsNeitherCompletedNorCountedTwice() throws IOException {
    Ledger ledger = ledger();
    ledger.admit(MAP, new Admission.Download());
    ledger.started(MAP);

    assertThat(ledger.admit(MAP, new Admission.Repeated())).isFalse();
    ledger.writeState();
    assertThat(checkpoint(dir).get("completed").toString()).doesNotContain("\"1\"");
    Path mapsJson = dir.resolve("maps.json");
    assertThat(Files.exists(mapsJson) ? Files.readString(mapsJson) : "").doesNotContain("a.v0001");

    ledger.record(new Outcome.Failed(MAP, "HTTP 404", MapFailure.Kind.PERMANENT));
    ledger.writeState();
    assertThat(checkpoint(dir).get("completed").toString()).doesNotContain("\"1\"");
    RunSummary summary = ledger.summary(OptionalLong.empty(), Duration.ZERO, false);
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.skipped()).isZero();
  }

  @Test
  void fullDiskIsRememberedNotLoggedAsTheMapsFault() throws IOException {
    Ledger ledger = ledger();
    ledger.record(new Outcome.Failed(MAP, "disk full", MapFailure.Kind.DISK_FULL));
    ledger.writeState();

    assertThat(ledger.diskFull()).contains("disk full");
    assertThat(failures(dir)).isEmpty();
  }

  @Test
  void unreadableMapsJsonDoesNotKeepTheOtherStateFilesUnwritten() throws IOException {
    Ledger ledger = ledger();
    ledger.record(new Outcome.Failed(MAP, "HTTP 404", MapFailure.Kind.PERMANENT));
    ledger.admit(
        new MapTarget("2", "Map 2", "http://127.0.0.1:9/b.zip", "b.v0001", Optional.empty()),
        new Admission.AlreadyPresent());
    Files.writeString(dir.resolve("maps.json"), "{\"not\": \"a list\"}");

    ledger.writeState();

    assertThat(ledger.stateError()).isPresent();
    assertThat(ledger.stateError().get().getMessage()).contains("not a list");
    assertThat(checkpoint(dir).get("completed").toString()).contains("\"2\"");
    assertThat(failures(dir)).hasSize(1);
  }

  @Test
  void stagedMapCannotBeRecordedBeforeItIsPublished() throws IOException {
    Ledger ledger = ledger();
    assertThatThrownBy(() -> ledger.record(new Outcome.Staged(MAP, null, 0, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
