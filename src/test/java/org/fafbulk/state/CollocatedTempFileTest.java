package org.fafbulk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollocatedTempFileTest {
  @TempDir Path dir;

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFileIsCreatedBesideItsDestinationUnderTheTemporaryPrefix() throws IOException {
    try (CollocatedTempFile temp = CollocatedTempFile.file(dir, "archive-", ".zip")) {
      assertThat(temp.path().getParent()).isEqualTo(dir);
      assertThat(temp.path().getFileName().toString())
          .startsWith(AtomicFiles.TEMP_PREFIX + "archive-")
          .endsWith(".zip");
      assertThat(temp.path()).isRegularFile();
    }
  }

  @Test
  void aFileThatIsNeitherMovedNorHandedOverIsDeletedOnClose() throws IOException {
    Path path;
    try (CollocatedTempFile temp = CollocatedTempFile.file(dir, "x-", ".part")) {
      path = temp.path();
      Files.writeString(path, "half written");
    }

    assertThat(path).doesNotExist();
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void aFolderIsDeletedOnCloseWithEverythingInIt() throws IOException {
    Path path;
    try (CollocatedTempFile temp = CollocatedTempFile.folder(dir, "map-")) {
      path = temp.path();
      assertThat(path).isDirectory();
      Files.createDirectories(path.resolve("a/b"));
      Files.writeString(path.resolve("a/b/c.lua"), "x");
      Files.writeString(path.resolve("top.scmap"), "y");
    }

    assertThat(path).doesNotExist();
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void aLinkInsideAFolderIsRemovedButNotItsTarget(@TempDir Path elsewhere) throws IOException {
    Path precious = Files.writeString(elsewhere.resolve("precious"), "keep me");
    try (CollocatedTempFile temp = CollocatedTempFile.folder(dir, "map-")) {
      Files.createSymbolicLink(temp.path().resolve("link"), elsewhere);
    }

    assertThat(listing(dir)).isEmpty();
    assertThat(precious).hasContent("keep me");
  }

  @Test
  void aMovedFileIsInPlaceAndNotDeletedOnClose() throws IOException {
    Path target = dir.resolve("state.json");
    try (CollocatedTempFile temp = CollocatedTempFile.file(dir, "state-", ".part")) {
      Files.writeString(temp.path(), "complete");
      temp.moveTo(target);
    }

    assertThat(target).hasContent("complete");
    assertThat(listing(dir)).containsExactly("state.json");
  }

  @Test
  void aMovedFolderIsInPlaceWithItsContent() throws IOException {
    Path target = dir.resolve("theta.v0001");
    try (CollocatedTempFile temp = CollocatedTempFile.folder(dir, "map-")) {
      Files.writeString(temp.path().resolve("theta.scmap"), "map");
      temp.moveTo(target);
    }

    assertThat(target.resolve("theta.scmap")).hasContent("map");
    assertThat(listing(dir)).containsExactly("theta.v0001");
  }

  @Test
  void aFailedMoveLeavesItTemporarySoCloseStillDeletesIt() throws IOException {
    Path occupied = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(occupied.resolve("inside"), "x");
    Path path;
    try (CollocatedTempFile temp = CollocatedTempFile.folder(dir, "map-")) {
      path = temp.path();
      Files.writeString(path.resolve("f"), "y");
      assertThatThrownBy(() -> temp.moveTo(occupied)).isInstanceOf(IOException.class);
    }

    assertThat(path).doesNotExist();
    assertThat(listing(dir)).containsExactly("taken");
  }

  @Test
  void aHandedOverFileBelongsToTheCallerAfterClose() throws IOException {
    Path kept;
    try (CollocatedTempFile temp = CollocatedTempFile.file(dir, "archive-", ".zip")) {
      Files.writeString(temp.path(), "PK");
      kept = temp.handOver();
    }

    assertThat(kept).hasContent("PK");
  }

  @Test
  void itCanBeMovedOrHandedOverOnlyOnce() throws IOException {
    try (CollocatedTempFile temp = CollocatedTempFile.file(dir, "archive-", ".zip")) {
      temp.handOver();

      assertThatThrownBy(temp::handOver).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> temp.moveTo(dir.resolve("x")))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
