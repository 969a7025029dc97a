package org.fafbulk.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import org.fafbulk.testing.EndlessCatalogue;
import org.fafbulk.testing.FafProcess;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.RunOutput;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One SIGTERM stops a run that is paging through an endless catalogue, between two pages, and the
 * run writes its state: the real process, as the user's container would run it.
 */
@Tag("integration")
class EndlessPagingIT {
  @RegisterExtension static WireMockExtension api = LocalHttp.wireMock(new EndlessCatalogue());

  @TempDir Path work;

  @Test
  void oneSigtermStopsThePagingAndTheStateIsWritten() throws Exception {
    api.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(aResponse().withTransformers(EndlessCatalogue.NAME)));
    Path out = work.resolve("maps");
    FafProcess run =
        FafProcess.start(
            work.resolve("run.log"),
            "bulk-download",
            "--output-dir",
            out.toString(),
            "--api-url",
            api.baseUrl(),
            "--limit",
            "5",
            "--token",
            "t");
    // Waits for a condition, not a time: the run is paging once it has asked for page 20.
    assertThat(run.awaitWhileRunning(() -> pagesRequested() >= 20))
        .as("the run ended before it was signalled: %s", run.output())
        .isTrue();

    run.terminate();
    int exit = run.waitFor(60);
    int pagesAtExit = pagesRequested();

    assertThat(exit).as(run.output()).isEqualTo(130);
    assertThat(pagesAtExit).as("stopped well before the page cap").isLessThan(1_000);
    assertThat(RunOutput.checkpoint(out).get("limit").asInt()).isEqualTo(5);
    assertThat(run.output()).contains("Interrupted:");
  }

  private static int pagesRequested() {
    return api.getAllServeEvents().size();
  }
}
