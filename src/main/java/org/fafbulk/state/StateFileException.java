package org.fafbulk.state;

import java.io.IOException;
import org.fafbulk.Printable;

/**
 * A state file or the output directory cannot be used as it is: the message is one line naming the
 * file, what is wrong and what to do, and the command maps it to its exit code.
 */
public final class StateFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public StateFileException(String message) {
    super(Printable.of(message));
  }

  public StateFileException(String message, Throwable cause) {
    super(Printable.of(message), cause);
  }
}
