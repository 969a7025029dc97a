package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderFlushTest {
  @TempDir Path dir;

  private Path folderWithNestedFiles() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("m.v0001/env/layers"));
    Files.writeString(folder.resolve("a.dds"), "texture");
    Files.writeString(dir.resolve("m.v0001/m.scmap"), "map");
    return dir.resolve("m.v0001");
  }

  @Test
  void syncfsIsChosenWhereCoreutilsSyncWorks() throws IOException {
    FolderFlush flush = FolderFlush.forDirectory(dir);

    assertThat(flush.name()).isEqualTo("syncfs");
    flush.flush(List.of(folderWithNestedFiles()));
  }

  @Test
  void perFileFlushesEveryFileAndFolder() throws IOException {
    new FolderFlush.PerFile().flush(List.of(folderWithNestedFiles()));
  }

  @Test
  void perFileFlushOfAVanishedFolderIsAnIoError() {
    assertThatThrownBy(() -> new FolderFlush.PerFile().flush(List.of(dir.resolve("gone"))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void syncfsOfAMissingDirectoryIsAnError() {
    FolderFlush.SyncFs flush = new FolderFlush.SyncFs(dir.resolve("gone"));

    assertThatThrownBy(() -> flush.flush(List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("sync -f " + dir.resolve("gone") + " failed");
  }
}
