package org.fafbulk.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.fafbulk.IdMap;

/**
 * Builds a {@link JsonApi.MapPage} from a {@code /data/map} document while it is read, packing each
 * resource as it comes: a 10,000-map page costs about its final {@link PackedMaps} (~1.3 MB) and an
 * index of its versions (~0.2 MB), not the ~5.5 MB of records and strings in hash maps it took to
 * read it whole first. Maps and versions may come in any order (JSON:API does not fix whether
 * {@code included} follows {@code data}); they are joined once the whole document has been read, as
 * they would be from maps keyed by id: the last resource with an id wins.
 */
final class MapPageBuilder implements JsonApi.Collector<JsonApi.MapPage> {
  private final PackedBytes.Writer writer = new PackedBytes.Writer();
  private final DownloadUrls urls = new DownloadUrls(); // the page's, shared with its PackedMaps
  private final List<byte[]> maps = new ArrayList<>(); // PackedMaps.packMap, in data order
  private final IdMap<byte[]> versions = new IdMap<>(); // PackedMaps.packVersion, by id
  // each author's login as one Optional, which every map of that author shares
  private final IdMap<Optional<String>> logins = new IdMap<>();
  private final PageIds ids = new PageIds();
  private int rawCount;

  @Override
  public void dataElement() {
    rawCount++;
  }

  @Override
  public void map(JsonApi.MapResource map, boolean inData) {
    if (!inData) {
      return; // an included map is no entry of the page
    }
    ids.add(map.id());
    maps.add(
        PackedMaps.packMap(
            writer, map.id(), map.displayName(), map.latestVersionId(), map.authorId()));
  }

  @Override
  public void version(JsonApi.VersionResource version, boolean inData) {
    // a version in data serves a map as well as an included one, as it always has
    versions.put(version.version().id(), PackedMaps.packVersion(writer, urls, version.version()));
  }

  @Override
  public void login(String playerId, String login) {
    logins.put(playerId, Optional.of(login));
  }

  @Override
  public JsonApi.MapPage result(JsonNode meta) {
    PackedMaps packed = new PackedMaps(maps.size(), urls);
    for (byte[] map : maps) {
      // a map without a visible latest version has nothing to download
      versions
          .get(PackedMaps.latestVersionId(map))
          .ifPresent(
              version ->
                  packed.add(
                      map, version, logins.get(PackedMaps.authorId(map)).orElse(Optional.empty())));
    }
    JsonNode total = meta.path("page").path("totalRecords");
    return new JsonApi.MapPage(
        packed,
        total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty(),
        rawCount,
        ids);
  }
}
