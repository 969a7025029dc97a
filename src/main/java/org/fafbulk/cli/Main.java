package org.fafbulk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntSupplier;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.Printable;
import org.fafbulk.state.StateFileException;
import picocli.CommandLine;

/** The entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof VirtualMachineError) {
            // A worker out of memory: the run cannot go on; the state files are atomic.
            err.println(fatalLine(e));
            Runtime.getRuntime().halt(ExitCodes.FATAL);
          }
        });
    System.exit(guarded(() -> run(out, err, System.getenv(), args), err));
  }

  /**
   * Runs {@code command}, turning any error that escapes it, memory included, into one line and
   * exit 3: exit 1 would tell scripts that only some maps failed.
   */
  static int guarded(IntSupplier command, PrintWriter err) {
    try {
      return command.getAsInt();
    } catch (Throwable e) { // the last resort: even an Error exits 3 with one line
      err.println(fatalLine(e));
      return ExitCodes.FATAL;
    }
  }

  private static String fatalLine(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return "faf: out of memory ("
          + Printable.of(String.valueOf(e.getMessage()))
          + "); run with a larger heap, e.g. FAF_JAVA_OPTS=-Xmx1g, or report the response that"
          + " caused it";
    }
    return "faf: unexpected error: " + Printable.of(e.toString());
  }

  /** Runs the command line and returns the exit code; testable in-process. */
  public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    return commandLine(out, err, env).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cmd = new CommandLine(new FafCommand(env, new ObjectMapper()));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) ->
            exitCode(e, commandLine.getErr(), Verbosity.isVerbose(parseResult), commandLine));
    cmd.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          // One line: what is wrong, and where the options are explained.
          c.getErr().println("faf: " + ex.getMessage() + seeHelp(c));
          return ExitCodes.USAGE;
        });
    return cmd;
  }

  /**
   * The one place a failure becomes an exit code and one line: a {@link FafException} carries its
   * code, a {@link StateFileException} (a state file or the output directory cannot be used) is
   * exit 3, and anything else is an unexpected error, exit 3 too.
   */
  private static int exitCode(
      Exception e, PrintWriter err, boolean verbose, CommandLine commandLine) {
    int code;
    if (e instanceof FafException fe) {
      err.println(
          "faf: "
              + fe.getMessage()
              + (fe.exitCode() == ExitCodes.USAGE ? seeHelp(commandLine) : ""));
      code = fe.exitCode();
    } else if (e instanceof StateFileException se) {
      err.println("faf: " + se.getMessage()); // names the file, what is wrong and what to do
      code = ExitCodes.FATAL;
    } else {
      err.println("faf: unexpected error: " + Printable.of(e.toString()));
      if (!verbose) {
        err.println("faf: run again with --verbose for the stack trace");
      }
      code = ExitCodes.FATAL;
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    return code;
  }

  private static String seeHelp(CommandLine command) {
    return " (see '" + command.getCommandSpec().qualifiedName() + " --help')";
  }
}
