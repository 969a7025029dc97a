package org.fafbulk;

/** A failure the user must act on: a one-line message and the exit code the process ends with. */
public final class FafException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public FafException(int exitCode, String message) {
    super(Printable.of(message));
    this.exitCode = exitCode;
  }

  public FafException(int exitCode, String message, Throwable cause) {
    super(Printable.of(message), cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static FafException fatal(String message) {
    return new FafException(ExitCodes.FATAL, message);
  }

  public static FafException fatal(String message, Throwable cause) {
    return new FafException(ExitCodes.FATAL, message, cause);
  }

  public static FafException usage(String message) {
    return new FafException(ExitCodes.USAGE, message);
  }
}
