package org.fafbulk.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.fafbulk.bulk.RunSummary;
import org.fafbulk.bulk.Units;
import org.fafbulk.state.FailureLog;

/** Prints the end of a run for people. */
final class SummaryPrinter {
  private SummaryPrinter() {}

  static void print(RunSummary s, Path outputDir, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%s: %d downloaded, %d skipped (already present), %d failed, %d total; %s in %s (%s)%n",
        s.interrupted() ? "Interrupted" : "Done",
        s.downloaded(),
        s.skipped(),
        s.failed(),
        s.total(),
        Units.bytes(s.bytes()),
        Units.duration(s.elapsed()),
        Units.rate(s.bytes(), s.elapsed()));
    if (s.failed() > 0) {
      out.println(
          "Failed maps are listed in "
              + outputDir.resolve(FailureLog.FILE_NAME)
              + "; run again to retry them.");
    }
    if (s.interrupted()) {
      out.println("To finish: faf bulk-download --resume --output-dir " + outputDir);
    }
    out.flush();
  }
}
