package org.fafbulk.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fafbulk.IdMap;

/**
 * A page's parts on the heap, joined into a {@link PackedMaps} that shares each version part among
 * its maps: for pages read where no scratch directory is at hand (a dry run, download-map) and for
 * a bulk run's first page, fetched before its output directory is locked and cleaned.
 */
final class HeapParts implements PageParts {
  private final List<byte[]> maps = new ArrayList<>();
  private final IdMap<byte[]> versions = new IdMap<>();

  @Override
  public void addMap(byte[] map) {
    maps.add(map);
  }

  @Override
  public void putVersion(String id, byte[] version) {
    versions.put(id, version);
  }

  @Override
  public ListedMaps join(DownloadUrls urls, IdMap<Optional<String>> logins) {
    PackedMaps packed = new PackedMaps(maps.size(), urls);
    for (byte[] map : maps) {
      versions
          .get(PackedMaps.latestVersionId(map))
          .ifPresent(
              version ->
                  packed.add(
                      map, version, logins.get(PackedMaps.authorId(map)).orElse(Optional.empty())));
    }
    return packed;
  }

  @Override
  public void discard() {}
}
