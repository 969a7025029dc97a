package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final StringWriter text = new StringWriter();

  private static MapTarget map(String folder) {
    return new MapTarget(
        folder, folder, "http://127.0.0.1/" + folder + ".zip", folder, Optional.empty());
  }

  private List<String> lines() {
    return text.toString().lines().toList();
  }

  @Test
  void logsOneLinePerFinishedMapButOneLinePerRunOfSkippedMaps() {
    Progress progress = new Progress(new PrintWriter(text), false, false);
    progress.start(OptionalLong.of(6));

    progress.finished("skipped", map("a.v0001"), "already present", false);
    progress.finished("skipped", map("b.v0001"), "already present", false);
    progress.finished("downloaded", map("c.v0001"), "1.0 KB", true);
    progress.finished("failed", map("d.v0001"), "HTTP 404", true);
    progress.finished("skipped", map("e.v0001"), "already present", false);
    progress.finished("skipped", map("f.v0001"), "already present", false);
    progress.end();

    assertThat(lines()).hasSize(4);
    assertThat(lines().get(0)).startsWith("2/6 maps").endsWith("skipped 2 maps (already present)");
    assertThat(lines().get(1)).startsWith("3/6 maps").endsWith("downloaded c.v0001 (1.0 KB)");
    assertThat(lines().get(2)).startsWith("4/6 maps").endsWith("failed d.v0001 (HTTP 404)");
    assertThat(lines().get(3)).startsWith("6/6 maps").endsWith("skipped 2 maps (already present)");
  }

  @Test
  void aSingleSkippedMapSaysMap() {
    Progress progress = new Progress(new PrintWriter(text), false, false);
    progress.start(OptionalLong.of(1));

    progress.finished("skipped", map("a.v0001"), "already present", false);
    progress.end();

    assertThat(lines()).singleElement().asString().endsWith("skipped 1 map (already present)");
  }

  @Test
  void quietPrintsNothing() {
    Progress progress = new Progress(new PrintWriter(text), false, true);
    progress.start(OptionalLong.of(2));

    progress.finished("skipped", map("a.v0001"), "already present", false);
    progress.finished("downloaded", map("b.v0001"), "1.0 KB", true);
    progress.end();

    assertThat(text.toString()).isEmpty();
  }
}
