package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fafbulk.testing.RunOutput.mapFolders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fafbulk.download.MapFailure;
import org.fafbulk.state.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  @TempDir Path dir;

  private List<Outcome.Staged> stage(int count) {
    StagingWorker worker = new StagingWorker();
    return StagingWorker.targets(count).stream()
        .map(t -> (Outcome.Staged) worker.work(t, dir, n -> {}))
        .toList();
  }

  @Test
  void publishesABatchWithOneFlush() throws IOException {
    RecordingFlush flush = new RecordingFlush();

    List<Outcome> outcomes = new Publisher(dir, flush).publish(stage(3));

    assertThat(outcomes).allMatch(o -> o instanceof Outcome.Downloaded);
    assertThat(flush.batches).hasSize(1);
    assertThat(flush.batches.get(0)).hasSize(3);
    assertThat(mapFolders(dir)).containsExactly("map_1.v0001", "map_2.v0001", "map_3.v0001");
  }

  @Test
  void failedFlushFailsTheWholeBatchAndLeavesNothingBehind() throws IOException {
    RecordingFlush broken =
        new RecordingFlush() {
          @Override
          void during(List<Path> folders) throws IOException {
            throw new IOException("Input/output error");
          }
        };

    List<Outcome> outcomes = new Publisher(dir, broken).publish(stage(2));

    assertThat(outcomes)
        .allSatisfy(
            o -> {
              assertThat(o).isInstanceOf(Outcome.Failed.class);
              assertThat(((Outcome.Failed) o).reason()).startsWith("cannot flush the maps to disk");
              assertThat(((Outcome.Failed) o).kind()).isEqualTo(MapFailure.Kind.PERMANENT);
            });
    try (var left = Files.list(dir)) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)))
          .isEmpty();
    }
    assertThat(mapFolders(dir)).isEmpty();
  }

  @Test
  void folderThatAppearedMeanwhileFailsOnlyItsOwnMap() throws IOException {
    List<Outcome.Staged> batch = stage(2);
    Files.createDirectories(dir.resolve("map_2.v0001"));

    List<Outcome> outcomes = new Publisher(dir, new RecordingFlush()).publish(batch);

    assertThat(outcomes.get(0)).isInstanceOf(Outcome.Downloaded.class);
    assertThat(((Outcome.Failed) outcomes.get(1)).reason())
        .isEqualTo("folder map_2.v0001 already exists in " + dir);
  }
}
