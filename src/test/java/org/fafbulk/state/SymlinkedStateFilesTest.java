package org.fafbulk.state;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.UrlFile;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A symbolic link planted in the output directory where the lock or a state file belongs: the run
 * refuses it with one line naming it, and neither creates nor changes the file it points to.
 */
class SymlinkedStateFilesTest {
  @RegisterExtension static WireMockExtension server = LocalHttp.wireMock();

  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {".faf.lock", "checkpoint.json", "failures.json", "maps.json"})
  void aLinkToAMissingFileIsRefusedAndNothingIsCreatedOutside(String name) throws Exception {
    Path outputDir = Files.createDirectories(work.resolve("maps"));
    Path outside = Files.createDirectories(work.resolve("outside")).resolve("x");
    Files.createSymbolicLink(outputDir.resolve(name), Path.of("..", "outside", "x"));

    CliRun run = download(outputDir);

    assertRefused(run, outputDir.resolve(name));
    assertThat(outside).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {".faf.lock", "checkpoint.json", "failures.json", "maps.json"})
  void aLinkToAnExistingFileIsRefusedAndTheFileIsLeftAlone(String name) throws Exception {
    Path outputDir = Files.createDirectories(work.resolve("maps"));
    Path outside = Files.writeString(work.resolve("precious.json"), "[]");
    Files.createSymbolicLink(outputDir.resolve(name), outside);

    CliRun run = download(outputDir);

    assertRefused(run, outputDir.resolve(name));
    assertThat(outside).hasContent("[]");
    assertThat(Files.isSymbolicLink(outputDir.resolve(name))).isTrue();
  }

  private CliRun download(Path outputDir) throws Exception {
    server.stubFor(
        get("/maps/good.v0001.zip")
            .willReturn(aResponse().withBody(MapArchives.valid("good.v0001"))));
    Path urls = UrlFile.write(work, server.baseUrl() + "/maps/good.v0001.zip");
    return CliRun.bulkDownload(urls, outputDir, "--retries", "0");
  }

  private static void assertRefused(CliRun run, Path link) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err().lines()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains(link + " is a symbolic link");
  }
}
