package org.fafbulk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.fafbulk.ExitCodes;
import org.fafbulk.testing.ArchiveServer;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.UrlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What people expect of a command-line tool: help, version, completion, quiet and verbose. */
class CliConventionsTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "faf {0} --help")
  @ValueSource(strings = {"", "bulk-download", "download-map", "verify"})
  void everyCommandHasHelpWithExamplesAndExitCodes(String command) {
    CliRun run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("Usage: faf").contains("Examples:", "Exit codes:", "  2 ");
  }

  @Test
  void versionIsPrinted() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).matches("faf \\d+\\.\\d+\\.\\d+\\S*\\R");
  }

  @Test
  void completionScriptCoversTheCommandsAndTheirOptions() {
    CliRun run = CliRun.of("generate-completion");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F", "bulk-download", "--output-dir", "--min-size", "verify");
  }

  @Test
  void quietPrintsOnlyTheSummary() throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path urls = UrlFile.write(tmp, server.addMap("alpha.v0001"), server.addMap("beta.v0001"));

      CliRun run = CliRun.bulkDownload(urls, tmp.resolve("maps"), "--quiet");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out().lines())
          .singleElement()
          .asString()
          .startsWith("Done: 2 downloaded, 0 skipped");
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void progressGoesToStdoutOneLinePerMapWhenNotOnATerminal() throws IOException {
    try (ArchiveServer server = ArchiveServer.start()) {
      Path urls = UrlFile.write(tmp, server.addMap("alpha.v0001"), server.addMap("beta.v0001"));

      CliRun run = CliRun.bulkDownload(urls, tmp.resolve("maps"));

      assertThat(run.out().lines().filter(l -> l.contains("maps ·"))).hasSize(2);
      assertThat(run.out()).doesNotContain("\r");
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void errorsAreOneLineOnStderrAndStackTracesOnlyWithVerbose() {
    String[] unreachable = {
      "bulk-download",
      "--api-url",
      "http://127.0.0.1:1",
      "--token",
      "t",
      "--retries",
      "0",
      "--output-dir",
      tmp.resolve("maps").toString()
    };

    CliRun plain = CliRun.of(unreachable);
    CliRun verbose = CliRun.of(append(unreachable, "--verbose"));

    assertThat(plain.exitCode()).isEqualTo(ExitCodes.FATAL);
    assertThat(plain.out()).isEmpty();
    assertThat(plain.err().lines())
        .singleElement()
        .asString()
        .startsWith("faf: cannot reach the FAF API at http://127.0.0.1:1");
    assertThat(verbose.exitCode()).isEqualTo(ExitCodes.FATAL);
    assertThat(verbose.err()).contains("\tat org.fafbulk.");
  }

  private static String[] append(String[] args, String last) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }
}
