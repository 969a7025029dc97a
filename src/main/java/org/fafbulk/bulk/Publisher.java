package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fafbulk.download.Disk;
import org.fafbulk.download.FolderFlush;
import org.fafbulk.download.MapFailure;
import org.fafbulk.download.MapInstaller;

/**
 * Puts staged maps into place in batches, in the only order that survives a power cut: flush the
 * whole batch once, rename each folder to its final name, sync the output directory once. Only then
 * are they downloads that checkpoint.json may name.
 */
final class Publisher {
  private final Path dir;
  private final FolderFlush flush;

  Publisher(Path dir, FolderFlush flush) {
    this.dir = dir;
    this.flush = flush;
  }

  /** Publishes {@code batch}: one {@link Outcome.Downloaded} or {@link Outcome.Failed} each. */
  List<Outcome> publish(List<Outcome.Staged> batch) {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    try {
      flush.flush(batch.stream().map(s -> s.map().staging()).toList());
    } catch (IOException e) {
      MapFailure failure = Disk.classify("cannot flush the maps to disk", e, dir);
      for (Outcome.Staged staged : batch) {
        Disk.deleteRecursively(staged.map().staging());
        outcomes.add(new Outcome.Failed(staged.target(), failure.getMessage(), failure.kind()));
      }
      return outcomes;
    }
    for (Outcome.Staged staged : batch) {
      try {
        MapInstaller.Installed installed = MapInstaller.publish(staged.map(), dir);
        outcomes.add(
            new Outcome.Downloaded(
                staged.target(), installed, staged.archiveBytes(), staged.scenario()));
      } catch (MapFailure e) {
        outcomes.add(new Outcome.Failed(staged.target(), e.getMessage(), e.kind()));
      }
    }
    flush.syncDirectory(dir);
    return outcomes;
  }
}
