package org.fafbulk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.fafbulk.FafException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict {@code key: value} subset of YAML the credentials file is read as. */
class CredentialsFileTest {
  private static final Path FILE = Path.of("credentials.yaml");

  @Test
  void readsPlainQuotedAndCommentedValues() {
    Map<String, String> values =
        CredentialsFile.parse(
            FILE,
            lines(
                "\uFEFF---",
                "# my FAF service account",
                "client_id: faf-bulk#1   # a '#' inside a plain value is part of it",
                "",
                "client_secret: \"s3cr#t \\\"quoted\\\" \\\\ x\"  # comment\r",
                "token: 'it''s # not a comment'",
                ""));

    assertThat(values)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "client_id", "faf-bulk#1",
                "client_secret", "s3cr#t \"quoted\" \\ x",
                "token", "it's # not a comment"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "client_secret: TOPSECRET\\nclient_secret: TOPSECRET2 | line 2: client_secret is given twice",
        "password: TOPSECRET | line 1: unknown key",
        "'  client_secret: TOPSECRET' | line 1: indented",
        "client_secret:TOPSECRET | line 1: put a space after",
        "client_secret: \"TOPSECRET | line 1: the quoted value has no closing",
        "client_secret: 'TOPSECRET' extra | line 1: something follows",
        "client_secret: *TOPSECRET | line 1: quote this value",
        "client_secret: a: TOPSECRET | line 1: quote this value",
        "client_secret: # TOPSECRET | line 1: client_secret is empty",
        "- TOPSECRET | line 1: not a 'key: value' line",
        "client_secret: \"TOP\\tSECRET\" | line 1: only",
      })
  void refusesWhatItDoesNotUnderstandWithoutQuotingTheLine(String text, String problem) {
    FafException e =
        catchThrowableOfType(
            FafException.class, () -> CredentialsFile.parse(FILE, text.replace("\\n", "\n")));

    assertThat(e).hasMessageContaining(problem);
    assertThat(e.getMessage()).doesNotContain("TOPSECRET", "SECRET2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"client_id: x\r\n", "client_id: x", "client_id:   x   "})
  void lineEndsAndSpacesAroundAPlainValueDoNotMatter(String text) {
    assertThat(CredentialsFile.parse(FILE, text)).containsEntry("client_id", "x");
  }

  /** The lines joined by newlines; a line may end in its own carriage return. */
  private static String lines(String... lines) {
    return String.join("\n", lines);
  }
}
