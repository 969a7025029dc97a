package org.fafbulk.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Tells whether stdout is an interactive terminal, where a redrawn progress bar belongs. */
final class Terminal {
  private Terminal() {}

  // On Java 17 System.console() is null unless stdin and stdout are a terminal; from Java 22 on
  // it is never null and Console.isTerminal() answers instead, so ask that when it exists.
  @SuppressWarnings("SystemConsoleNull")
  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
