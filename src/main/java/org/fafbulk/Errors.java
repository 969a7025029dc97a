package org.fafbulk;

/** Says what went wrong in one line, for failures.json and messages to people. */
public final class Errors {
  private Errors() {}

  /**
   * The exception's class and message, and the message of what caused it when that says more:
   * OkHttp reports "Failed to connect to /127.0.0.1:1234" and keeps "Connection refused" or
   * "connect timed out" in the cause or a suppressed exception.
   */
  public static String describe(Throwable e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    Throwable detail = e.getCause();
    if (detail == null && e.getSuppressed().length > 0) {
      detail = e.getSuppressed()[0];
    }
    if (detail != null
        && detail.getMessage() != null
        && (message == null || !message.contains(detail.getMessage()))) {
      text += " (" + detail.getMessage() + ")";
    }
    return text;
  }
}
