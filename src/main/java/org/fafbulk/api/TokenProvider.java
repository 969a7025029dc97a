package org.fafbulk.api;

import java.util.Optional;

/** Supplies the bearer token for FAF API requests, if there is one. */
public interface TokenProvider {
  /** The token to send now; may fetch or renew one. */
  Optional<String> token();

  /** Forgets a cached token the server refused, so that the next call fetches a fresh one. */
  default void invalidate() {}

  /** Whether any credentials were given at all (for the 401/403 message). */
  boolean hasCredentials();

  static TokenProvider none() {
    return new TokenProvider() {
      @Override
      public Optional<String> token() {
        return Optional.empty();
      }

      @Override
      public boolean hasCredentials() {
        return false;
      }
    };
  }

  static TokenProvider fixed(String token) {
    return new TokenProvider() {
      @Override
      public Optional<String> token() {
        return Optional.of(token);
      }

      @Override
      public boolean hasCredentials() {
        return true;
      }

      @Override
      public String toString() {
        return "fixed token (hidden)";
      }
    };
  }
}
