package org.fafbulk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fafbulk.ExitCodes;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file that parses as JSON but that this tool did not write is refused the same way. */
class StateFilesTest {
  @TempDir Path dir;

  @Test
  void failureLogWithABadTimestampIsNamedWithTheFixAsACheckpointIs() throws IOException {
    Path failures = dir.resolve(FailureLog.FILE_NAME);
    Files.writeString(failures, "[{\"map_id\": \"7\", \"timestamp\": \"yesterday\"}]");

    assertThatThrownBy(() -> FailureLog.load(TestJson.FILES, dir))
        .isInstanceOf(StateFileException.class)
        .hasMessageStartingWith(failures + " is not a failure log this tool wrote (")
        .hasMessageContaining("yesterday")
        .hasMessageEndingWith("); move it aside to start afresh");
  }

  @Test
  void checkpointWithABadTimestampIsNamedWithTheFix() throws IOException {
    Path checkpoint = dir.resolve(CheckpointStore.FILE_NAME);
    Files.writeString(checkpoint, "{\"completed\": [], \"timestamp\": \"yesterday\"}");

    assertThatThrownBy(() -> CheckpointStore.load(TestJson.FILES, dir))
        .isInstanceOf(StateFileException.class)
        .hasMessageStartingWith(checkpoint + " is not a checkpoint this tool wrote (")
        .hasMessageEndingWith("); move it aside to start afresh");
  }

  @Test
  void bulkDownloadStopsWithExitThreeAndOneLineOnABadFailureLog() throws IOException {
    Files.writeString(
        dir.resolve(FailureLog.FILE_NAME), "[{\"map_id\": \"7\", \"timestamp\": \"yesterday\"}]");
    Path urlFile = Files.writeString(dir.resolve("maps.txt"), "# nothing to fetch\n");

    CliRun run = CliRun.bulkDownload(urlFile, dir);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FATAL);
    assertThat(run.err().lines())
        .containsExactly(
            "faf: "
                + dir.toAbsolutePath().normalize().resolve(FailureLog.FILE_NAME)
                + " is not a failure log this tool wrote (Text 'yesterday' could not be parsed"
                + " at index 0); move it aside to start afresh");
  }
}
