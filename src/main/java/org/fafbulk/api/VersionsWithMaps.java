package org.fafbulk.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The map versions of a {@code /data/mapVersion} document, each with its map and the map's author:
 * the answer to a lookup by folder name, one or a few resources, so plain records and hash maps.
 */
final class VersionsWithMaps implements JsonApi.Collector<List<FafMap>> {
  private final List<JsonApi.VersionResource> versions = new ArrayList<>(); // data, in order
  private final Map<String, JsonApi.MapResource> maps = new HashMap<>();
  private final Map<String, String> logins = new HashMap<>();

  @Override
  public void dataElement() {}

  @Override
  public void map(JsonApi.MapResource map, boolean inData) {
    maps.put(map.id(), map);
  }

  @Override
  public void version(JsonApi.VersionResource version, boolean inData) {
    if (inData) {
      versions.add(version);
    }
  }

  @Override
  public void login(String playerId, String login) {
    logins.put(playerId, login);
  }

  @Override
  public List<FafMap> result(JsonNode meta) {
    List<FafMap> found = new ArrayList<>();
    for (JsonApi.VersionResource version : versions) {
      JsonApi.MapResource map = maps.get(version.mapId());
      if (map != null) {
        MapVersion v = version.version();
        Optional<String> author = Optional.ofNullable(logins.get(map.authorId()));
        found.add(new FafMap(map.id(), map.displayName().orElse(v.folderName()), author, v));
      }
    }
    return found;
  }
}
