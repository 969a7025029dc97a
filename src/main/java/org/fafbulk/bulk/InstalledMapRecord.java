package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.fafbulk.api.FafMap;
import org.fafbulk.download.MapInstaller;
import org.fafbulk.state.FlushSchedule;
import org.fafbulk.state.JsonFiles;
import org.fafbulk.state.MapsIndex;

/**
 * Records one map installed outside a bulk run ({@code download-map}) in maps.json, as a bulk run
 * would have: keyed by the API's map id when known, else by its folder, as URL-file maps are.
 */
public final class InstalledMapRecord {
  private InstalledMapRecord() {}

  /** Adds or replaces the record of {@code installed} in {@code outputDir}'s maps.json, durably. */
  public static void write(
      JsonFiles json,
      Path outputDir,
      String url,
      Optional<FafMap> metadata,
      MapInstaller.Installed installed,
      long archiveBytes,
      Clock clock)
      throws IOException {
    MapTarget target =
        metadata
            .map(MapTarget::of)
            .orElseGet(
                () ->
                    new MapTarget(
                        installed.folder(),
                        installed.folder(),
                        url,
                        installed.folder(),
                        Optional.empty()));
    try (MapsIndex index =
        new MapsIndex(json, outputDir, clock, new FlushSchedule(Duration.ZERO))) {
      index.put(
          MapRecords.downloaded(
              target,
              installed,
              archiveBytes,
              MapRecords.readScenario(installed.map().scenario()),
              clock.instant()));
      index.flush();
    }
  }
}
