package org.fafbulk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.fafbulk.ExitCodes;
import org.fafbulk.Version;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code faf} command, which only lists its subcommands. */
@Command(
    name = "faf",
    mixinStandardHelpOptions = true,
    versionProvider = FafCommand.VersionProvider.class,
    description = {
      "Mirrors the Forged Alliance Forever map vault onto disk.",
      "",
      "Examples:",
      "  faf bulk-download --limit 100 --output-dir /data/maps",
      "  faf bulk-download --resume --output-dir /data/maps",
      "  faf download-map theta_passage_5.v0001 --output-dir /data/maps",
      "  faf verify --output-dir /data/maps",
      "  source <(faf generate-completion)",
      "",
      "The FAF API needs credentials: FAF_API_TOKEN, or FAF_CLIENT_ID and FAF_CLIENT_SECRET, or"
          + " ~/.faf/credentials.yaml (chmod 600) with client_id and client_secret;"
          + " 'faf bulk-download --url-file FILE' needs none. 'faf COMMAND --help' explains"
          + " each command.",
      ""
    },
    subcommands = {
      BulkDownloadCommand.class,
      DownloadMapCommand.class,
      VerifyCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    footer = ExitCodes.HELP)
final class FafCommand implements Runnable {
  @Spec CommandSpec spec;

  /** The environment the commands read credentials and URLs from; tests pass their own. */
  final Map<String, String> env;

  /** The one mapper of the process: API responses, state files and the --json summary share it. */
  final ObjectMapper json;

  FafCommand(Map<String, String> env, ObjectMapper json) {
    this.env = Map.copyOf(env);
    this.json = json;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the version Maven wrote into the jar. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"faf " + Version.get()};
    }
  }
}
