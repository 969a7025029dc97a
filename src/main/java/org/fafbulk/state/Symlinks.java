package org.fafbulk.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Refuses a state file or lock that is a symbolic link: one planted in the output directory must
 * not send the tool's reads or writes to a file elsewhere. Files are opened with {@code
 * NOFOLLOW_LINKS}, so the check and the open cannot be raced; this class only words the refusal.
 */
final class Symlinks {
  private Symlinks() {}

  /** The one-line refusal for {@code file}. */
  static String refusal(Path file) {
    return file
        + " is a symbolic link, and faf never follows one for its state files; remove it (the"
        + " file it points to is left alone) and run again";
  }

  /** The error for an open that failed: a refusal when {@code file} is a link. */
  static Optional<StateFileException> ifLink(Path file, IOException e) {
    return Files.isSymbolicLink(file)
        ? Optional.of(new StateFileException(refusal(file), e))
        : Optional.empty();
  }

  /** Fails when {@code target} is a link, before a write replaces it. */
  static void refuseLink(Path target) throws IOException {
    if (Files.isSymbolicLink(target)) {
      throw new IOException(refusal(target));
    }
  }
}
