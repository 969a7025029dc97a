package org.fafbulk.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fafbulk.download.FolderFlush;
import org.fafbulk.state.Checkpoint;
import org.fafbulk.testing.TestJson;

/** Builds runs for the coordinator's tests: a fake worker, a chosen flush, no network, no delay. */
final class TestRuns {
  private TestRuns() {}

  /** A downloader into {@code dir} that writes its state after every change. */
  static BulkDownloader downloader(
      Path dir, int concurrency, MapWorker worker, FolderFlush flush, StopSignal stop, Writer out) {
    return downloader(dir, concurrency, Duration.ZERO, Clock.systemUTC(), worker, flush, stop, out);
  }

  /** The same, with starts spaced by {@code delay} on {@code clock}. */
  static BulkDownloader downloader(
      Path dir,
      int concurrency,
      Duration delay,
      Clock clock,
      MapWorker worker,
      FolderFlush flush,
      StopSignal stop,
      Writer out) {
    return new BulkDownloader(
        new BulkDownloader.Settings(dir, concurrency, delay, Duration.ZERO, false),
        TestJson.FILES,
        worker,
        outputDir -> flush,
        new PrintWriter(out, true),
        false,
        stop,
        clock);
  }

  /** The selection of a first run without filters or limit, with {@code completed} done before. */
  static Checkpoint selection(String... completed) {
    return new Checkpoint(
        List.of(completed),
        List.of(),
        Instant.now(),
        new ObjectMapper().createObjectNode(),
        OptionalLong.empty(),
        Optional.empty());
  }
}
