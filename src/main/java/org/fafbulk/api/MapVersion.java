package org.fafbulk.api;

import java.util.Objects;
import java.util.Optional;

/** One version of a vault map, as the API's {@code mapVersion} resource describes it. */
public record MapVersion(
    String id,
    int version,
    String folderName,
    String downloadUrl,
    int width,
    int height,
    int maxPlayers,
    boolean ranked,
    boolean hidden,
    Optional<String> description,
    Optional<String> createTime) {
  public MapVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(folderName, "folderName");
    Objects.requireNonNull(downloadUrl, "downloadUrl");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createTime, "createTime");
  }
}
