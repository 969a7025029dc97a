package org.fafbulk.download;

import org.fafbulk.Printable;

/**
 * Why one map could not be installed, and whether trying again may help. The message is made
 * printable here, since it often quotes a server or an archive.
 */
public final class MapFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is, which decides between retrying, logging and stopping. */
  public enum Kind {
    /** A network fault, 5xx or 429: worth another try. */
    RETRYABLE,
    /** A 404, a corrupt or hostile archive: trying again gives the same answer. */
    PERMANENT,
    /** The disk is full: every further map would fail too, so the run must stop. */
    DISK_FULL
  }

  private final Kind kind;

  public MapFailure(Kind kind, String message) {
    super(Printable.of(message));
    this.kind = kind;
  }

  public MapFailure(Kind kind, String message, Throwable cause) {
    super(Printable.of(message), cause);
    this.kind = kind;
  }

  public static MapFailure rejected(String message) {
    return new MapFailure(Kind.PERMANENT, message);
  }

  /** The same failure, saying that it was the last of {@code attempts} tries. */
  MapFailure afterAttempts(int attempts) {
    return new MapFailure(kind, getMessage() + " (gave up after " + attempts + " attempts)", this);
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind == Kind.RETRYABLE;
  }
}
