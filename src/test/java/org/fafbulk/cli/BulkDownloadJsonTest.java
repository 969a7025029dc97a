package org.fafbulk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fafbulk.testing.ArchiveServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkDownloadJsonTest {
  @TempDir Path tmp;

  @Test
  void printsTheSummaryAsOneJsonObjectAndNothingElse() throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path urls = tmp.resolve("urls.txt");
      Files.writeString(
          urls, server.addMap("alpha.v0001") + "\n" + server.url("missing.v0001") + "\n");
      StringWriter out = new StringWriter();

      int code = run(out, "--url-file", urls.toString());

      assertThat(code).isEqualTo(1);
      assertThat(out.toString().lines()).hasSize(1);
      JsonNode summary = new ObjectMapper().readTree(out.toString());
      assertThat(summary.get("downloaded").asInt()).isEqualTo(1);
      assertThat(summary.get("skipped").asInt()).isZero();
      assertThat(summary.get("failed").asInt()).isEqualTo(1);
      assertThat(summary.get("total").asInt()).isEqualTo(2);
      assertThat(summary.get("bytes").asLong()).isPositive();
      assertThat(summary.get("elapsed_seconds").isNumber()).isTrue();
      assertThat(summary.get("interrupted").asBoolean()).isFalse();
      assertThat(summary.get("exit_code").asInt()).isEqualTo(1);
    }
  }

  @Test
  void reportsSkippedMapsOnASecondRun() throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path urls = tmp.resolve("urls.txt");
      Files.writeString(urls, server.addMap("alpha.v0001") + "\n");
      run(new StringWriter(), "--url-file", urls.toString());
      StringWriter out = new StringWriter();

      assertThat(run(out, "--url-file", urls.toString())).isZero();

      JsonNode summary = new ObjectMapper().readTree(out.toString());
      assertThat(summary.get("skipped").asInt()).isEqualTo(1);
      assertThat(summary.get("exit_code").asInt()).isZero();
    }
  }

  @Test
  void refusesJsonWithDryRun() {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            Map.of(),
            "bulk-download",
            "--json",
            "--dry-run",
            "--output-dir",
            tmp.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--dry-run");
  }

  private int run(StringWriter out, String... args) {
    String[] all = new String[args.length + 6];
    all[0] = "bulk-download";
    all[1] = "--json";
    all[2] = "--output-dir";
    all[3] = tmp.resolve("maps").toString();
    all[4] = "--delay-ms";
    all[5] = "0";
    System.arraycopy(args, 0, all, 6, args.length);
    return Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), Map.of(), all);
  }
}
