package org.fafbulk.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fafbulk.cli.Main;

/** One in-process run of the {@code faf} command line: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {
  /** Runs {@code faf args...} with an empty environment, so that no real credentials leak in. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      int code = Main.run(o, e, Map.of(), args);
      o.flush();
      e.flush();
      return new CliRun(code, out.toString(), err.toString());
    }
  }

  /**
   * Runs {@code faf bulk-download} of the maps listed in {@code urlFile} into {@code outputDir},
   * without delay between downloads, with {@code more} options after those.
   */
  public static CliRun bulkDownload(Path urlFile, Path outputDir, String... more) {
    return of(bulkDownloadArgs(urlFile, outputDir, more));
  }

  /** The arguments {@link #bulkDownload} runs with, for a run in a child process. */
  public static String[] bulkDownloadArgs(Path urlFile, Path outputDir, String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "bulk-download",
            "--url-file",
            urlFile.toString(),
            "--output-dir",
            outputDir.toString(),
            "--delay-ms",
            "0"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** The run, for an assertion's description: a failed assertion then shows what it printed. */
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
}
