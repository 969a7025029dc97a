package org.fafbulk.bulk;

import java.util.List;
import java.util.Optional;

/** What reaches the coordinating thread, from the listing, the workers and the publisher. */
sealed interface Event {
  /** The listing found one more map. */
  record Listed(MapTarget target) implements Event {}

  /** The listing is over; with the error that ended it, if one did. */
  record ListingEnded(Optional<RuntimeException> error) implements Event {}

  /** A worker or the describer is done with one map. */
  record Finished(Outcome outcome) implements Event {}

  /** A task threw what its contract says it never throws: a bug, or the JVM out of memory. */
  record Crashed(Throwable error) implements Event {}

  /** The publisher is done with one batch. */
  record Published(List<Outcome> outcomes) implements Event {}
}
