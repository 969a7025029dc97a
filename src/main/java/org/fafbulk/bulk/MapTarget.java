package org.fafbulk.bulk;

import java.util.Objects;
import java.util.Optional;
import org.fafbulk.Printable;
import org.fafbulk.api.FafMap;
import org.fafbulk.download.FolderNames;

/**
 * One map to fetch: its id (the FAF map id, or the folder name for URL-file entries), a name for
 * people, the archive URL, the folder it installs as, and the API's metadata when there is some.
 */
public record MapTarget(
    String id, String name, String url, String folder, Optional<FafMap> metadata) {
  public MapTarget {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(metadata, "metadata");
    // The id and the name only label the map (in checkpoint.json, messages): made printable here.
    // The folder is checked before use and the URL is fetched as sent, so those stay as they are.
    id = Printable.of(id);
    name = Printable.of(name);
  }

  static MapTarget of(FafMap map) {
    String folder = map.latestVersion().folderName();
    if (folder.isEmpty()) {
      folder = FolderNames.fromUrlOrName(map.latestVersion().downloadUrl());
    }
    return new MapTarget(
        map.id(), map.displayName(), map.latestVersion().downloadUrl(), folder, Optional.of(map));
  }
}
