package org.fafbulk.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition instead of sleeping and hoping; the limit only guards against a hang. */
public final class Eventually {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private Eventually() {}

  /** Returns once {@code condition} holds; fails with {@code what} if it never does. */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still waiting after " + LIMIT.toSeconds() + " s for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
