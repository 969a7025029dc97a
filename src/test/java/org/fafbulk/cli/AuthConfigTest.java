package org.fafbulk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.MapPages;
import org.fafbulk.testing.VaultMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials from {@code ~/.faf/credentials.yaml} or {@code --auth-config}: used when nothing
 * higher gives them, refused when other users can read the file, and never printed or stored.
 */
class AuthConfigTest {
  private static final String SECRET = "file-s3cr3t-never-shown";

  @RegisterExtension static WireMockExtension server = LocalHttp.wireMock();

  @TempDir Path work;

  @BeforeEach
  void serveApiAndTokens() {
    server.stubFor(
        post(urlPathEqualTo("/oauth2/token"))
            .willReturn(okJson("{\"access_token\":\"tok-from-hydra\",\"expires_in\":3600}")));
    String archive = server.baseUrl() + "/maps/1.zip";
    server.stubFor(
        get(urlPathEqualTo("/data/map"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/vnd.api+json")
                    .withBody(
                        MapPages.page()
                            .totalRecords(1)
                            .map(new VaultMap("1", "good.v0001", "Good", archive))
                            .json())));
    server.stubFor(
        get(urlPathEqualTo("/maps/1.zip"))
            .willReturn(aResponse().withBody(MapArchives.valid("good.v0001"))));
  }

  @Test
  void theFileNamedByAuthConfigGivesTheClientCredentials() throws Exception {
    Path file = credentials(work.resolve("creds.yaml"), "rw-------");

    CliRun run = bulkDownload(Map.of(), "--auth-config", file.toString(), "--verbose");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    server.verify(
        postRequestedFor(urlPathEqualTo("/oauth2/token"))
            .withFormParam("client_id", equalTo("file-id"))
            .withFormParam("client_secret", equalTo(SECRET)));
    server.verify(
        getRequestedFor(urlPathEqualTo("/data/map"))
            .withHeader("Authorization", equalTo("Bearer tok-from-hydra")));
    assertSecretNowhere(run);
  }

  @Test
  void theDefaultFileInHomeIsUsedWhenItExists() throws Exception {
    credentials(
        Files.createDirectories(work.resolve(".faf")).resolve("credentials.yaml"), "rw-------");

    CliRun run = bulkDownload(Map.of("HOME", work.toString()));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    server.verify(
        postRequestedFor(urlPathEqualTo("/oauth2/token"))
            .withFormParam("client_id", equalTo("file-id")));
  }

  @Test
  void aFileOtherUsersCanReadIsRefusedWithTheChmodToRun() throws Exception {
    Path file = credentials(work.resolve("creds.yaml"), "rw-r--r--");

    CliRun run = bulkDownload(Map.of(), "--auth-config", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("run: chmod 600 " + file).doesNotContain(SECRET);
    assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/oauth2/token")))).isEmpty();
  }

  @Test
  void flagsBeatTheEnvironmentWhichBeatsTheFile() throws Exception {
    Path file = credentials(work.resolve("creds.yaml"), "rw-------");
    Map<String, String> env = Map.of("FAF_CLIENT_ID", "env-id");

    assertThat(bulkDownload(env, "--auth-config", file.toString()).exitCode()).isZero();
    server.verify(
        postRequestedFor(urlPathEqualTo("/oauth2/token"))
            .withFormParam("client_id", equalTo("env-id"))
            .withFormParam("client_secret", equalTo(SECRET)));

    server.resetRequests();
    CliRun run =
        bulkDownload(
            env,
            "--auth-config",
            file.toString(),
            "--client-id",
            "flag-id",
            "--client-secret",
            "flag-secret");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    server.verify(
        postRequestedFor(urlPathEqualTo("/oauth2/token"))
            .withFormParam("client_id", equalTo("flag-id"))
            .withFormParam("client_secret", equalTo("flag-secret")));
  }

  @Test
  void aTokenInTheFileIsSentAsTheBearerAndNeverShownWhenRefused() throws Exception {
    Path file = work.resolve("creds.yaml");
    Files.writeString(file, "token: \"" + SECRET + "\"\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    server.stubFor(get(urlPathEqualTo("/data/map")).willReturn(aResponse().withStatus(401)));

    CliRun run = bulkDownload(Map.of(), "--auth-config", file.toString(), "--verbose");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    server.verify(
        getRequestedFor(urlPathEqualTo("/data/map"))
            .withHeader("Authorization", equalTo("Bearer " + SECRET)));
    assertSecretNowhere(run);
  }

  private Path credentials(Path file, String permissions) throws Exception {
    Files.writeString(
        file, "# FAF service account\nclient_id: file-id\nclient_secret: '" + SECRET + "'\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private CliRun bulkDownload(Map<String, String> env, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bulk-download",
                "--output-dir",
                work.resolve("maps").toString(),
                "--api-url",
                server.baseUrl(),
                "--token-url",
                server.baseUrl() + "/oauth2/token",
                "--delay-ms",
                "0",
                "--retries",
                "0"));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            args.toArray(String[]::new));
    return new CliRun(code, out.toString(), err.toString());
  }

  private void assertSecretNowhere(CliRun run) throws Exception {
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
    Path maps = work.resolve("maps");
    if (Files.isDirectory(maps)) {
      try (Stream<Path> files = Files.walk(maps)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (f.toString().endsWith(".json")) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain(SECRET);
          }
        }
      }
    }
  }
}
