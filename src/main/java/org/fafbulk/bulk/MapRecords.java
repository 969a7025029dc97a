package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.fafbulk.api.FafMap;
import org.fafbulk.download.MapFailure;
import org.fafbulk.download.MapInstaller;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.download.ScenarioInfo;
import org.fafbulk.state.MapRecord;

/** Builds the maps.json record of a map from what the API and the installed folder say. */
final class MapRecords {
  private MapRecords() {}

  /**
   * A map just installed: the API's metadata when there is some, the size from the verified scmap
   * header, and what its _scenario.lua says.
   */
  static MapRecord downloaded(
      MapTarget target,
      MapInstaller.Installed installed,
      long archiveBytes,
      ScenarioInfo scenario,
      Instant now) {
    Optional<FafMap> api = target.metadata();
    return new MapRecord(
        api.map(FafMap::id),
        api.map(m -> m.latestVersion().id()),
        api.map(FafMap::displayName),
        api.flatMap(FafMap::author),
        installed.folder(),
        api.map(m -> OptionalInt.of(m.latestVersion().version())).orElse(OptionalInt.empty()),
        OptionalInt.of(Math.round(installed.map().header().width())),
        OptionalInt.of(Math.round(installed.map().header().height())),
        api.map(m -> OptionalInt.of(m.latestVersion().maxPlayers())).orElse(OptionalInt.empty()),
        api.map(m -> m.latestVersion().ranked()),
        OptionalLong.of(archiveBytes),
        Optional.of(now.truncatedTo(ChronoUnit.SECONDS)),
        Optional.of(scenario(scenario)));
  }

  /**
   * What the installed map's _scenario.lua says; empty fields when it cannot be read or parsed, as
   * the scenario only adds metadata to a map that is already verified and in place. Runs on the
   * worker that installed the map.
   */
  static ScenarioInfo readScenario(MapInstaller.Installed installed) {
    try {
      return ScenarioInfo.read(installed.map().scenario());
    } catch (IOException | RuntimeException e) {
      return ScenarioInfo.empty();
    }
  }

  /**
   * A map found already in place with no record (installed before maps.json existed, or before a
   * crash let the index catch up), described from its folder on a worker: the API's metadata, the
   * size from the scmap header and what the scenario says. The archive size and download time are
   * not known any more; a folder that no longer verifies keeps what the API says.
   */
  static MapRecord described(MapTarget target, Path folder) {
    MapVerifier.VerifiedMap map;
    try {
      map = MapVerifier.verify(folder);
    } catch (IOException | MapFailure | RuntimeException e) {
      return present(target);
    }
    MapRecord api = present(target);
    ScenarioInfo scenario;
    try {
      scenario = ScenarioInfo.read(map.scenario());
    } catch (IOException | RuntimeException e) {
      scenario = ScenarioInfo.empty();
    }
    return new MapRecord(
        api.mapId(),
        api.versionId(),
        api.name(),
        api.author(),
        api.folder(),
        api.version(),
        OptionalInt.of(Math.round(map.header().width())),
        OptionalInt.of(Math.round(map.header().height())),
        api.maxPlayers(),
        api.ranked(),
        OptionalLong.empty(),
        Optional.empty(),
        Optional.of(scenario(scenario)));
  }

  /**
   * A map found already in place with no record: what the API says, without reading the folder, as
   * the coordinating thread records it at once; {@link #described} improves it later.
   */
  static MapRecord present(MapTarget target) {
    Optional<FafMap> api = target.metadata();
    return new MapRecord(
        api.map(FafMap::id),
        api.map(m -> m.latestVersion().id()),
        api.map(FafMap::displayName),
        api.flatMap(FafMap::author),
        target.folder(),
        api.map(m -> OptionalInt.of(m.latestVersion().version())).orElse(OptionalInt.empty()),
        api.map(m -> OptionalInt.of(m.latestVersion().width())).orElse(OptionalInt.empty()),
        api.map(m -> OptionalInt.of(m.latestVersion().height())).orElse(OptionalInt.empty()),
        api.map(m -> OptionalInt.of(m.latestVersion().maxPlayers())).orElse(OptionalInt.empty()),
        api.map(m -> m.latestVersion().ranked()),
        OptionalLong.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static MapRecord.Scenario scenario(ScenarioInfo info) {
    return new MapRecord.Scenario(
        info.name(),
        info.size().map(s -> OptionalInt.of(s.width())).orElse(OptionalInt.empty()),
        info.size().map(s -> OptionalInt.of(s.height())).orElse(OptionalInt.empty()),
        info.armies());
  }
}
