package org.fafbulk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fafbulk.cli.Main;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.state.MapRecord;
import org.fafbulk.state.MapsIndex;
import org.fafbulk.testing.RunOutput;
import org.fafbulk.testing.TestJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against FAF's real API and content server: skipped unless a user opts in with FAF_LIVE_TEST=1 and
 * credentials (FAF_API_TOKEN, or FAF_CLIENT_ID and FAF_CLIENT_SECRET).
 */
@Tag("integration")
class LiveApiIT {
  @TempDir Path out;

  @Test
  void downloadsTwoRealMapsFromTheVault() throws Exception {
    Map<String, String> env = System.getenv();
    assumeTrue("1".equals(env.get("FAF_LIVE_TEST")), "live test: set FAF_LIVE_TEST=1 to run it");
    assumeTrue(
        env.containsKey("FAF_API_TOKEN") || env.containsKey("FAF_CLIENT_ID"),
        "live test: needs FAF_API_TOKEN, or FAF_CLIENT_ID and FAF_CLIENT_SECRET");
    StringWriter output = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(output, true),
            new PrintWriter(output, true),
            env,
            "bulk-download",
            "--limit",
            "2",
            "--max-size",
            "5km",
            "--output-dir",
            out.toString());
    assertThat(exit).as(output.toString()).isZero();
    // Two real maps, each a sound map folder, recorded as completed and in maps.json, none failed.
    List<String> folders = RunOutput.mapFolders(out);
    assertThat(folders).as(output.toString()).hasSize(2);
    for (String folder : folders) {
      MapVerifier.verify(out.resolve(folder));
    }
    assertThat(RunOutput.checkpoint(out).get("completed")).hasSize(2);
    assertThat(RunOutput.failures(out)).isEmpty();
    assertThat(MapsIndex.load(TestJson.FILES, out))
        .extracting(MapRecord::folder)
        .containsExactlyInAnyOrderElementsOf(folders);
  }
}
