package org.fafbulk;

/** The process exit codes, documented in README and every command's help. */
public final class ExitCodes {
  /** Every selected map is present. */
  public static final int OK = 0;

  /** The run finished but some maps failed (see failures.json), or verify found problems. */
  public static final int SOME_FAILED = 1;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** API unreachable, credentials refused, output directory unusable, disk full. */
  public static final int FATAL = 3;

  /** Stopped by Ctrl-C or SIGTERM. */
  public static final int INTERRUPTED = 130;

  /**
   * The exit codes of {@code bulk-download} and {@code download-map}, for their help; the numbers
   * come from the constants above (a constant expression, as annotations need).
   */
  public static final String HELP =
      "%nExit codes:%n"
          + ("  " + OK + "    every selected map is present%n")
          + ("  " + SOME_FAILED + "    finished, but some maps failed (see failures.json)%n")
          + ("  " + USAGE + "    usage error%n")
          + ("  " + FATAL + "    fatal: API unreachable, credentials refused, output directory")
          + " unusable,%n       disk full%n"
          + ("  " + INTERRUPTED + "  interrupted (Ctrl-C or SIGTERM)");

  /** The exit codes of {@code verify}, for its help. */
  public static final String VERIFY_HELP =
      "%nExit codes:%n"
          + ("  " + OK + "    every map folder is sound and every completed map is present%n")
          + ("  " + SOME_FAILED + "    problems found (with --repair: found and repaired; run%n")
          + "       faf bulk-download --resume to fetch the maps again)%n"
          + ("  " + USAGE + "    usage error%n")
          + ("  " + FATAL + "    fatal: the directory cannot be read or repaired, or (with")
          + " --repair) a run%n       is using it";

  private ExitCodes() {}
}
