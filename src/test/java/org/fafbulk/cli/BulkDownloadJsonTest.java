package org.fafbulk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.fafbulk.testing.ArchiveServer;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.UrlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkDownloadJsonTest {
  @TempDir Path tmp;

  @Test
  void printsTheSummaryAsOneJsonObjectAndNothingElse() throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path urls = UrlFile.write(tmp, server.addMap("alpha.v0001"), server.url("missing.v0001"));

      CliRun run = bulkDownloadJson(urls);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out().lines()).hasSize(1);
      JsonNode summary = new ObjectMapper().readTree(run.out());
      assertThat(summary.get("downloaded").asInt()).isEqualTo(1);
      assertThat(summary.get("skipped").asInt()).isZero();
      assertThat(summary.get("failed").asInt()).isEqualTo(1);
      assertThat(summary.get("total").asInt()).isEqualTo(2);
      assertThat(summary.get("bytes").asLong()).isPositive();
      assertThat(summary.get("elapsed_seconds").isNumber()).isTrue();
      assertThat(summary.get("bookkeeping_seconds").asDouble())
          .isPositive()
          .isLessThanOrEqualTo(summary.get("elapsed_seconds").asDouble());
      assertThat(summary.get("interrupted").asBoolean()).isFalse();
      assertThat(summary.get("exit_code").asInt()).isEqualTo(1);
    }
  }

  @Test
  void reportsSkippedMapsOnASecondRun() throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path urls = UrlFile.write(tmp, server.addMap("alpha.v0001"));
      bulkDownloadJson(urls);

      CliRun second = bulkDownloadJson(urls);

      assertThat(second.exitCode()).isZero();
      JsonNode summary = new ObjectMapper().readTree(second.out());
      assertThat(summary.get("skipped").asInt()).isEqualTo(1);
      assertThat(summary.get("exit_code").asInt()).isZero();
    }
  }

  @Test
  void refusesJsonWithDryRun() {
    CliRun run = CliRun.of("bulk-download", "--json", "--dry-run", "--output-dir", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--dry-run");
  }

  private CliRun bulkDownloadJson(Path urls) {
    return CliRun.bulkDownload(urls, tmp.resolve("maps"), "--json");
  }
}
