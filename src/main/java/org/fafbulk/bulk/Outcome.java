package org.fafbulk.bulk;

import org.fafbulk.download.MapFailure;
import org.fafbulk.download.MapInstaller;
import org.fafbulk.download.ScenarioInfo;
import org.fafbulk.state.MapRecord;

/** What a worker reports for one map; the coordinating thread records it. */
public sealed interface Outcome {
  MapTarget target();

  /**
   * Fetched, verified and extracted under a temporary name: not yet durable, so not yet a download
   * that checkpoint.json may name. The {@link Publisher} makes it one.
   */
  record Staged(MapTarget target, MapInstaller.Staged map, long archiveBytes, ScenarioInfo scenario)
      implements Outcome {}

  /** Durable and in place under its final name. */
  record Downloaded(
      MapTarget target, MapInstaller.Installed installed, long archiveBytes, ScenarioInfo scenario)
      implements Outcome {}

  /**
   * A map found already in place without a maps.json record, described from its folder: not a
   * download, only a better record than the API alone gives.
   */
  record Described(MapTarget target, MapRecord record) implements Outcome {}

  /** Could not be installed; {@code kind} says whether it is the map's fault or the disk's. */
  record Failed(MapTarget target, String reason, MapFailure.Kind kind) implements Outcome {}
}
