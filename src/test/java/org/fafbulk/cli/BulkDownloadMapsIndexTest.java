package org.fafbulk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fafbulk.download.Disk;
import org.fafbulk.state.CheckpointStore;
import org.fafbulk.state.MapsIndex;
import org.fafbulk.testing.ArchiveServer;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.TestJson;
import org.fafbulk.testing.UrlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkDownloadMapsIndexTest {
  @TempDir Path tmp;

  @Test
  void recordsEveryDownloadedMapInMapsJson() throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path dir = tmp.resolve("maps");
      Path urls = UrlFile.write(tmp, server.addMap("alpha.v0001"), server.addMap("beta.v0002"));

      assertThat(run(urls, dir)).isZero();

      JsonNode maps = readMaps(dir);
      assertThat(maps).hasSize(2);
      assertThat(maps.findValuesAsText("folder"))
          .containsExactlyInAnyOrder("alpha.v0001", "beta.v0002");
      JsonNode alpha =
          maps.get(0).get("folder").asText().equals("alpha.v0001") ? maps.get(0) : maps.get(1);
      assertThat(alpha.get("map_id").isNull()).isTrue();
      assertThat(alpha.get("name").isNull()).isTrue();
      assertThat(alpha.get("width").asInt()).isEqualTo(256);
      assertThat(alpha.get("size_km").asDouble()).isEqualTo(5.0);
      assertThat(alpha.get("archive_bytes").asLong()).isPositive();
      assertThat(alpha.get("downloaded_at").asText()).endsWith("Z");
      assertThat(alpha.get("scenario").get("name").asText()).isEqualTo("alpha.v0001");
      assertThat(alpha.get("scenario").get("armies").asInt()).isEqualTo(2);
    }
  }

  @Test
  void dropsTheRecordOfAMapWhoseFolderWentMissing() throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path dir = tmp.resolve("maps");
      Path urls = UrlFile.write(tmp, server.addMap("alpha.v0001"), server.url("gone.v0001"));
      server.addMap("gone.v0001");
      assertThat(run(urls, dir)).isZero();

      Disk.deleteRecursively(dir.resolve("gone.v0001"));
      try (ArchiveServer empty = ArchiveServer.start()) {
        Path second = UrlFile.write(tmp, server.url("alpha.v0001"), empty.url("gone.v0001"));
        assertThat(run(second, dir)).isEqualTo(1);
      }

      assertThat(readMaps(dir).findValuesAsText("folder")).containsExactly("alpha.v0001");
      assertThat(CheckpointStore.load(TestJson.FILES, dir).orElseThrow().completed())
          .containsExactly("alpha.v0001");
    }
  }

  @Test
  void backfillsARecordForAMapAlreadyPresent() throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path dir = tmp.resolve("maps");
      Path urls = UrlFile.write(tmp, server.addMap("alpha.v0001"));
      assertThat(run(urls, dir)).isZero();
      Files.delete(dir.resolve(MapsIndex.FILE_NAME));

      assertThat(run(urls, dir)).isZero();

      JsonNode maps = readMaps(dir);
      assertThat(maps.findValuesAsText("folder")).containsExactly("alpha.v0001");
      // Described from the folder on a worker: size and scenario are there, while the archive
      // size and download time are no longer known.
      JsonNode alpha = maps.get(0);
      assertThat(alpha.get("width").asInt()).isPositive();
      assertThat(alpha.get("scenario").get("armies").asInt()).isEqualTo(2);
      assertThat(alpha.get("archive_bytes").isNull()).isTrue();
      assertThat(alpha.get("downloaded_at").isNull()).isTrue();
    }
  }

  private static int run(Path urls, Path dir) {
    return CliRun.bulkDownload(urls, dir, "--quiet").exitCode();
  }

  private static JsonNode readMaps(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(MapsIndex.FILE_NAME).toFile());
  }
}
