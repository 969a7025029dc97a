package org.fafbulk.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.fafbulk.IdMap;

/**
 * Builds a {@link JsonApi.MapPage} from a {@code /data/map} document while it is read, packing each
 * resource as it comes: a 10,000-map page costs ~1.5 MB of heap while it is read and ~1.3 MB while
 * it waits, or with a scratch directory ~0.55 MB (mostly an index of its versions' offsets) and
 * ~0.15 MB (its ids, which the listing drops at once), not the ~5.5 MB of records and strings in
 * hash maps it took to read it whole first. Maps and versions may come in any order (JSON:API does
 * not fix whether {@code included} follows {@code data}); they are joined once the whole document
 * has been read, as they would be from maps keyed by id: the last resource with an id wins. A page
 * with more elements in {@code data} than were asked for ends the read at once: each of its maps
 * may name one long version, which a scratch file would join again for every one.
 */
final class MapPageBuilder implements JsonApi.Collector<JsonApi.MapPage> {
  private final PackedBytes.Writer writer = new PackedBytes.Writer();
  private final DownloadUrls urls = new DownloadUrls(); // the page's, shared with its maps
  private final PageParts parts;
  // each author's login as one Optional, which every map of that author shares
  private final IdMap<Optional<String>> logins = new IdMap<>();
  private final PageIds ids = new PageIds();
  private final int pageSize;
  private int rawCount;

  /** A builder that keeps a document of any number of maps on the heap. */
  MapPageBuilder() {
    this(Integer.MAX_VALUE, Optional.empty());
  }

  /**
   * A builder for a page of at most {@code pageSize} maps (the {@code page[size]} asked for) that
   * keeps it in a scratch file in {@code scratchDir}, when given.
   */
  MapPageBuilder(int pageSize, Optional<Path> scratchDir) {
    this.pageSize = pageSize;
    this.parts = scratchDir.<PageParts>map(SpooledParts::new).orElseGet(HeapParts::new);
  }

  @Override
  public void dataElement() {
    if (rawCount == pageSize) {
      throw MapListing.misbehaving("sent a page of more maps than the " + pageSize + " asked for");
    }
    rawCount++;
  }

  @Override
  public void map(JsonApi.MapResource map, boolean inData) {
    if (!inData) {
      return; // an included map is no entry of the page
    }
    ids.add(map.id());
    parts.addMap(
        PackedMaps.packMap(
            writer, map.id(), map.displayName(), map.latestVersionId(), map.authorId()));
  }

  @Override
  public void version(JsonApi.VersionResource version, boolean inData) {
    // a version in data serves a map as well as an included one, as it always has
    parts.putVersion(
        version.version().id(), PackedMaps.packVersion(writer, urls, version.version()));
  }

  @Override
  public void login(String playerId, String login) {
    logins.put(playerId, Optional.of(login));
  }

  @Override
  public JsonApi.MapPage result(JsonNode meta) {
    JsonNode total = meta.path("page").path("totalRecords");
    OptionalLong totalRecords =
        total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty();
    return new JsonApi.MapPage(parts.join(urls, logins), totalRecords, rawCount, ids);
  }

  @Override
  public void discard() {
    parts.discard();
  }
}
