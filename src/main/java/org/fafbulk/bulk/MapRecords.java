package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.fafbulk.api.FafMap;
import org.fafbulk.api.MapVersion;
import org.fafbulk.download.MapFailure;
import org.fafbulk.download.MapInstaller;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.download.ScenarioInfo;
import org.fafbulk.download.ScmapHeader;
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
    return record(
        target,
        installed.folder(),
        Optional.of(installed.map().header()),
        OptionalLong.of(archiveBytes),
        Optional.of(now.truncatedTo(ChronoUnit.SECONDS)),
        Optional.of(scenario));
  }

  /**
   * What the _scenario.lua at {@code file} says; empty fields when it cannot be read or parsed, as
   * the scenario only adds metadata to a map that is already verified and in place. Runs on a
   * worker.
   */
  static ScenarioInfo readScenario(Path file) {
    try {
      return ScenarioInfo.read(file);
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
    return record(
        target,
        target.folder(),
        Optional.of(map.header()),
        OptionalLong.empty(),
        Optional.empty(),
        Optional.of(readScenario(map.scenario())));
  }

  /**
   * A map found already in place with no record: what the API says, without reading the folder, as
   * the coordinating thread records it at once; {@link #described} improves it later.
   */
  static MapRecord present(MapTarget target) {
    return record(
        target,
        target.folder(),
        Optional.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The API's fields from {@code target}, the size from the scmap {@code header} (the API's without
   * one), and the rest as given.
   */
  private static MapRecord record(
      MapTarget target,
      String folder,
      Optional<ScmapHeader> header,
      OptionalLong archiveBytes,
      Optional<Instant> downloadedAt,
      Optional<ScenarioInfo> scenario) {
    Optional<MapVersion> version = target.metadata().map(FafMap::latestVersion);
    return new MapRecord(
        target.metadata().map(MapRecords::api),
        folder,
        optionalInt(
            header.map(h -> Math.round(h.width())).or(() -> version.map(MapVersion::width))),
        optionalInt(
            header.map(h -> Math.round(h.height())).or(() -> version.map(MapVersion::height))),
        archiveBytes,
        downloadedAt,
        scenario.map(MapRecords::scenario));
  }

  private static MapRecord.Api api(FafMap map) {
    MapVersion version = map.latestVersion();
    return new MapRecord.Api(
        map.id(),
        version.id(),
        map.displayName(),
        map.author(),
        version.version(),
        version.maxPlayers(),
        version.ranked());
  }

  private static OptionalInt optionalInt(Optional<Integer> value) {
    return value.map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  private static MapRecord.Scenario scenario(ScenarioInfo info) {
    return new MapRecord.Scenario(
        info.name(),
        info.size().map(s -> OptionalInt.of(s.width())).orElse(OptionalInt.empty()),
        info.size().map(s -> OptionalInt.of(s.height())).orElse(OptionalInt.empty()),
        info.armies());
  }
}
