package org.fafbulk.api;

import java.util.Objects;
import java.util.Optional;

/** A vault map with its latest version, as the API's {@code map} resource describes it. */
public record FafMap(
    String id, String displayName, Optional<String> author, MapVersion latestVersion) {
  public FafMap {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(latestVersion, "latestVersion");
  }
}
