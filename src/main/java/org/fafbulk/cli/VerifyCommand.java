package org.fafbulk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.Printable;
import org.fafbulk.check.OutputCheck;
import org.fafbulk.state.JsonFiles;
import org.fafbulk.state.OutputLock;
import org.fafbulk.state.StateFileException;
import org.fafbulk.state.StateFileNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code faf verify}: re-checks the maps in an output directory and optionally repairs it. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Re-checks every map folder in the output directory (scmap header, scenario file) and every"
          + " map checkpoint.json or maps.json lists as completed; prints one line per problem.",
      "With --repair, moves broken folders into "
          + OutputCheck.BROKEN_DIR
          + "/ (nothing is deleted) and drops them and missing maps from checkpoint.json and"
          + " maps.json, so that the next bulk-download fetches them again.",
      "",
      "Examples:",
      "  faf verify --output-dir /data/maps",
      "  faf verify --output-dir /data/maps --repair",
      ""
    },
    footer = ExitCodes.VERIFY_HELP)
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FafCommand parent;

  @Option(
      names = {"-o", "--output-dir"},
      paramLabel = "DIR",
      defaultValue = "maps",
      description = "The directory bulk-download wrote (default: ./${DEFAULT-VALUE}).")
  Path outputDir;

  @Option(
      names = "--repair",
      description = "Move broken folders aside and forget them and missing maps, to fetch again.")
  boolean repair;

  @Mixin Verbosity verbosity;

  @Override
  @SuppressWarnings("try") // the lock is held while repairing, never referenced
  public Integer call() throws StateFileException {
    Path dir = outputDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(
          spec.commandLine(), "--output-dir " + outputDir + " is not a directory");
    }
    StateFileNames.requireNoFolders(dir);
    PrintWriter out = spec.commandLine().getOut();
    JsonFiles json = new JsonFiles(parent.json);
    try {
      if (!repair) {
        return report(OutputCheck.check(json, dir), List.of(), dir, out);
      }
      try (OutputLock lock = OutputLock.acquire(dir)) {
        OutputCheck.Report found = OutputCheck.check(json, dir);
        return report(found, OutputCheck.repair(json, dir, found, Clock.systemUTC()), dir, out);
      }
    } catch (StateFileException e) {
      throw e; // its message already says which file, what is wrong and what to do
    } catch (IOException e) {
      throw FafException.fatal("cannot check " + dir + ": " + e.getMessage(), e);
    }
  }

  private int report(OutputCheck.Report report, List<String> moved, Path dir, PrintWriter out) {
    for (OutputCheck.Problem p : report.problems()) {
      if (p.kind() == OutputCheck.Problem.Kind.BROKEN) {
        out.println("broken  " + Printable.of(p.folder()) + ": " + Printable.of(p.detail()));
      } else {
        out.println(
            "missing "
                + Printable.of(String.join(", ", p.ids()))
                + ": "
                + Printable.of(p.detail()));
      }
    }
    moved.forEach(m -> out.println("moved aside to " + Printable.of(m)));
    long broken = report.count(OutputCheck.Problem.Kind.BROKEN);
    long missing = report.count(OutputCheck.Problem.Kind.MISSING);
    out.printf(
        Locale.ROOT,
        "Checked %d map folders in %s: %d ok, %d broken, %d missing.%n",
        report.folders(),
        dir,
        report.folders() - broken,
        broken,
        missing);
    if (!report.problems().isEmpty()) {
      out.println(
          repair
              ? "Repaired: run faf bulk-download --resume --output-dir "
                  + dir
                  + " to fetch them again."
              : "To move broken folders aside and fetch them again: faf verify --repair"
                  + " --output-dir "
                  + dir);
    }
    out.flush();
    return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
  }
}
