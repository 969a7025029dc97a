package org.fafbulk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --quiet} and {@code --verbose}, shared by every command. */
final class Verbosity {
  @Option(
      names = {"-q", "--quiet"},
      description = "Print only errors and the end summary.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print more detail, and stack traces with errors.")
  boolean verbose;

  static boolean isVerbose(CommandLine.ParseResult result) {
    CommandLine.ParseResult leaf = result;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    return leaf.hasMatchedOption("--verbose");
  }
}
