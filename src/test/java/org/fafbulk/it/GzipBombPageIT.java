package org.fafbulk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fafbulk.testing.FafProcess;
import org.fafbulk.testing.GzipBombPage;
import org.fafbulk.testing.RawHttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API page from the security review, against the real process in a small heap: some 600 KB of
 * gzip inflating to 120 descriptions of 5 MB once crashed the JVM with exit 1. Now the run stops at
 * the response cap with one line and exit 3.
 */
@Tag("integration")
class GzipBombPageIT {
  @TempDir Path work;

  @Test
  void aGzipBombPageInA64MegabyteHeapExits3WithOneLine() throws Exception {
    byte[] bomb = GzipBombPage.gzip(120, 5 * 1024 * 1024);
    try (RawHttpServer api = new RawHttpServer(GzipBombPage.response(bomb))) {
      FafProcess run =
          FafProcess.start(
              work.resolve("run.log"),
              List.of("-Xmx64m", "-XX:+UseSerialGC"),
              "bulk-download",
              "--output-dir",
              work.resolve("maps").toString(),
              "--api-url",
              api.url(""),
              "--token",
              "t",
              "--limit",
              "5");

      int exit = run.waitFor(120);

      assertThat(exit).as(run.output()).isEqualTo(3);
      assertThat(run.output().lines()).as(run.output()).hasSize(1);
      assertThat(run.output()).startsWith("faf: ").contains("larger than");
    }
  }
}
