package org.fafbulk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.fafbulk.ExitCodes;
import org.fafbulk.api.FafApiClient;
import org.fafbulk.api.MapFilter;
import org.fafbulk.bulk.ApiTargets;
import org.fafbulk.bulk.ArchiveWorker;
import org.fafbulk.bulk.BulkDownloader;
import org.fafbulk.bulk.EmptyTargets;
import org.fafbulk.bulk.RunSummary;
import org.fafbulk.bulk.StopSignal;
import org.fafbulk.bulk.TargetSource;
import org.fafbulk.bulk.UrlFileTargets;
import org.fafbulk.download.ArchiveFetcher;
import org.fafbulk.download.ArchiveLimits;
import org.fafbulk.download.FolderFlush;
import org.fafbulk.download.MapInstaller;
import org.fafbulk.http.RetryPolicy;
import org.fafbulk.state.Checkpoint;
import org.fafbulk.state.JsonFiles;
import org.fafbulk.state.StateFileException;
import org.fafbulk.state.StateFileNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code faf bulk-download}: the product's main job. */
@Command(
    name = "bulk-download",
    mixinStandardHelpOptions = true,
    description = {
      "Downloads every map that matches the filters (the first N in map-id order with --limit)"
          + " into the output directory, in parallel, resumably, logging failures without"
          + " stopping.",
      "",
      "Examples:",
      "  faf bulk-download --limit 100 --output-dir /data/maps",
      "  faf bulk-download --limit 500 --min-size 10km --players 8 --output-dir /data/maps",
      "  faf bulk-download --resume --output-dir /data/maps",
      "  faf bulk-download --url-file maps.txt --output-dir /data/maps   (no credentials needed)",
      ""
    },
    footer = ExitCodes.HELP)
final class BulkDownloadCommand implements Callable<Integer> {
  static final int MAX_CONCURRENCY = 32;

  @Spec CommandSpec spec;
  @ParentCommand FafCommand parent;

  @Option(
      names = {"-o", "--output-dir"},
      paramLabel = "DIR",
      defaultValue = "maps",
      description =
          "Where maps, checkpoint.json and failures.json go (default: ./${DEFAULT-VALUE}).")
  Path outputDir;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Download at most N maps (default: all that match).")
  Long limit;

  @Option(
      names = {"-c", "--concurrency"},
      paramLabel = "N",
      defaultValue = "4",
      description = "Parallel downloads, 1 to " + MAX_CONCURRENCY + " (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--delay-ms",
      paramLabel = "MS",
      defaultValue = "100",
      description =
          "Pause between the starts of two downloads, to be polite to FAF's servers (default: ${DEFAULT-VALUE}).")
  long delayMs;

  @Option(
      names = "--resume",
      description =
          "Repeat the selection recorded in checkpoint.json; retry what failed or was running.")
  boolean resume;

  @Option(names = "--dry-run", description = "List the matching maps; download nothing.")
  boolean dryRun;

  @Option(
      names = "--json",
      description =
          "Print the end summary as one JSON object on stdout instead of text, and no progress.")
  boolean jsonSummary;

  @Option(
      names = "--url-file",
      paramLabel = "FILE",
      description =
          "Download the archive URLs or folder names listed in FILE (one per line, # comments) instead of asking the API; needs no credentials.")
  Path urlFile;

  @Option(
      names = "--content-url",
      paramLabel = "URL",
      description =
          "Content server for bare folder names in --url-file (env FAF_CONTENT_URL; default "
              + UrlFileTargets.DEFAULT_CONTENT_URL
              + ").")
  String contentUrl;

  @Option(names = "--flush-interval-ms", hidden = true, defaultValue = "1000")
  long flushIntervalMs;

  @Mixin FilterOptions filters;
  @Mixin ApiOptions api;
  @Mixin NetworkOptions network;
  @Mixin Verbosity verbosity;

  private final StopSignal stop = new StopSignal();

  @Override
  @SuppressWarnings("try") // the handlers are installed for the run, never referenced
  public Integer call() throws StateFileException {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    StateFileNames.requireNoFolders(outputDir.toAbsolutePath().normalize());
    Checkpoint selection =
        resume
            ? Selection.resumed(new JsonFiles(parent.json), outputDir, this::usage)
            : Selection.given(filters, limit, urlFile, this::usage);
    RetryPolicy retry = network.retryPolicy();
    OkHttpClient http = network.http(concurrency);
    ObjectMapper json = parent.json;
    TargetSource targets = targets(selection, http, json, retry);
    if (dryRun) {
      return DryRun.print(targets, out);
    }
    BulkDownloader downloader =
        new BulkDownloader(
            new BulkDownloader.Settings(
                outputDir,
                concurrency,
                Duration.ofMillis(delayMs),
                Duration.ofMillis(flushIntervalMs),
                verbosity.quiet || jsonSummary),
            new JsonFiles(json),
            new ArchiveWorker(
                new ArchiveFetcher(
                    http,
                    retry,
                    ArchiveLimits.DEFAULT.maxUncompressedBytes(),
                    ArchiveFetcher.maxInMemory(concurrency)),
                new MapInstaller(ArchiveLimits.DEFAULT)),
            FolderFlush::forDirectory,
            out,
            Terminal.isInteractive(),
            stop,
            Clock.systemUTC());
    RunSummary summary;
    try (Interruption interruption = Interruption.install(stop, spec.commandLine().getErr())) {
      summary = downloader.run(targets, selection);
    }
    return printed(summary, json, out);
  }

  /** Prints the summary as text or JSON and returns the run's exit code. */
  private int printed(RunSummary summary, ObjectMapper json, PrintWriter out) {
    if (jsonSummary) {
      SummaryJson.print(json, summary, exitCode(summary), out);
    } else {
      SummaryPrinter.print(summary, outputDir, out);
    }
    return exitCode(summary);
  }

  private static int exitCode(RunSummary summary) {
    if (summary.interrupted()) {
      return ExitCodes.INTERRUPTED;
    }
    return summary.failed() > 0 ? ExitCodes.SOME_FAILED : ExitCodes.OK;
  }

  private void validate() {
    if (limit != null && limit < 0) {
      throw usage("--limit must be 0 or more, not " + limit);
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw usage(
          "--concurrency must be between 1 and " + MAX_CONCURRENCY + ", not " + concurrency);
    }
    if (delayMs < 0) {
      throw usage("--delay-ms must be 0 or more, not " + delayMs);
    }
    if (flushIntervalMs < 0) {
      throw usage("--flush-interval-ms must be 0 or more");
    }
    if (resume && (filters.anyGiven() || limit != null || urlFile != null)) {
      throw usage(
          "--resume repeats the selection in checkpoint.json; drop the filters, --limit and --url-file, or drop --resume");
    }
    if (jsonSummary && dryRun) {
      throw usage("--json prints the summary of a download; --dry-run downloads nothing");
    }
    if (urlFile != null && filters.anyGiven()) {
      throw usage("--url-file cannot be combined with filters: the file is the selection");
    }
  }

  private TargetSource targets(
      Checkpoint selection, OkHttpClient http, ObjectMapper json, RetryPolicy retry) {
    if (selection.urlFile().isPresent()) {
      String content = Selection.contentUrl(contentUrl, parent.env);
      return UrlFileTargets.read(Path.of(selection.urlFile().get()), content, selection.limit());
    }
    MapFilter filter = Selection.filter(selection);
    FafApiClient client = api.client(parent.env, http, json, retry);
    if (selection.limit().isPresent() && selection.limit().getAsLong() == 0) {
      return new EmptyTargets();
    }
    // A run keeps the pages it lists in its output directory, which it locks and cleans of what a
    // killed run left. A dry run neither creates nor locks it, so its pages stay on the heap: a
    // scratch file in java.io.tmpdir left by a killed dry run would be cleaned by no one, and a
    // dry run is too short for its pages to grow a long run's old generation.
    Optional<Path> pageDir =
        dryRun ? Optional.empty() : Optional.of(outputDir.toAbsolutePath().normalize());
    return new ApiTargets(client.listMaps(filter, selection.limit(), stop::stopRequested, pageDir));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
