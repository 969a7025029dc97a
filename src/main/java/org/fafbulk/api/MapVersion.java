package org.fafbulk.api;

import java.util.Objects;

/**
 * One version of a vault map, as the API's {@code mapVersion} resource describes it: only what the
 * tool uses, so that a page of maps with long descriptions is not kept in memory.
 */
public record MapVersion(
    String id,
    int version,
    String folderName,
    String downloadUrl,
    int width,
    int height,
    int maxPlayers,
    boolean ranked,
    boolean hidden) {
  public MapVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(folderName, "folderName");
    Objects.requireNonNull(downloadUrl, "downloadUrl");
  }
}
