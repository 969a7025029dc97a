package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FolderNamesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "theta_passage_5.v0001",
        "Seton's Clutch",
        "x",
        "a.b-c_d (2)",
        "sludge_test____.___..v0001",
        "scmp 037",
        "scmp_001",
        "console",
        "nullity.v0001",
        "com10",
        "Café été",
        "maps.json.v0001",
        "faf.lock"
      })
  void acceptsOrdinaryMapFolderNames(String name) {
    assertThat(FolderNames.problem(name)).isEmpty();
    assertThat(FolderNames.isSafe(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a/b",
        "a\\b",
        "C:",
        "a*b",
        "a?b",
        "a\"b",
        "a<b",
        "a>b",
        "a|b",
        "a\tb",
        "a\u0000b",
        "a\u007fb",
        "a\nb"
      })
  void rejectsSeparatorsReservedAndControlCharacters(String name) {
    assertThat(FolderNames.problem(name)).hasValueSatisfying(p -> assertThat(p).contains("path"));
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", ".hidden"})
  void rejectsRelativeAndHiddenNames(String name) {
    assertThat(FolderNames.problem(name)).hasValueSatisfying(p -> assertThat(p).contains("'.'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"name.", "name ", " name"})
  void rejectsTrailingDotsAndSurroundingSpaces(String name) {
    assertThat(FolderNames.isSafe(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CON",
        "con",
        "Prn",
        "AUX",
        "nul",
        "NUL.txt",
        "nul.v0001",
        "com1",
        "COM9",
        "lpt1",
        "LPT9.zip",
        "con .txt"
      })
  void rejectsWindowsDeviceNamesWithOrWithoutAnExtension(String name) {
    assertThat(FolderNames.problem(name))
        .hasValueSatisfying(p -> assertThat(p).contains("Windows device"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0080b", "a\u009bb", "map\u0085", "\u009f"})
  void rejectsC1ControlCharacters(String name) {
    assertThat(FolderNames.problem(name))
        .hasValueSatisfying(p -> assertThat(p).contains("control character"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil\u202etxt.exe", "a\u202ab", "a\u202bb", "a\u202cb", "a\u202db", "a\u2066b",
        "a\u2067b", "a\u2068b", "a\u2069b", "a\u200eb", "a\u200fb", "a\u061cb"
      })
  void rejectsBidirectionalControls(String name) {
    assertThat(FolderNames.problem(name))
        .hasValueSatisfying(p -> assertThat(p).contains("bidirectional"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "checkpoint.json",
        "failures.json",
        "maps.json",
        "Maps.JSON",
        "CHECKPOINT.json",
        ".faf.lock",
        ".FAF.LOCK",
        ".faf-tmp-map-123",
        ".faf-broken"
      })
  void rejectsTheNamesFafKeepsForItsOwnFiles(String name) {
    assertThat(FolderNames.problem(name))
        .hasValueSatisfying(p -> assertThat(p).contains("faf keeps for its own files"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"name..", "name. ", "name . ", "name\u3000", "map.v0001."})
  void rejectsTrailingDotsAndSpacesOfEveryKind(String name) {
    assertThat(FolderNames.problem(name))
        .hasValueSatisfying(p -> assertThat(p).contains("ends with a space or a dot"));
  }

  @Test
  void rejectsEmptyAndOverlongNames() {
    assertThat(FolderNames.problem(null)).hasValue("is empty");
    assertThat(FolderNames.problem("")).hasValue("is empty");
    assertThat(FolderNames.problem("   ")).hasValue("is empty");
    assertThat(FolderNames.isSafe("m".repeat(200))).isTrue();
    assertThat(FolderNames.problem("m".repeat(201)))
        .hasValueSatisfying(p -> assertThat(p).contains("longer"));
  }

  @ParameterizedTest
  @CsvSource({
    "https://content.example/maps/theta_passage_5.v0001.zip, theta_passage_5.v0001",
    "https://content.example/maps/theta_passage_5.v0001.zip?x=1&y=a/b, theta_passage_5.v0001",
    "https://content.example/maps/seton%27s%20clutch.v0003.zip, seton's clutch.v0003",
    "theta_passage_5.v0001, theta_passage_5.v0001",
    "theta_passage_5.v0001.zip, theta_passage_5.v0001",
    "https://content.example/maps/c++_wars.v0001.zip, c++_wars.v0001",
    "c++_wars.v0001, c++_wars.v0001",
    "https://content.example/maps/100%_luck.v0002.zip, 100%_luck.v0002"
  })
  void derivesTheFolderFromAUrlOrName(String urlOrName, String folder) {
    assertThat(FolderNames.fromUrlOrName(urlOrName)).isEqualTo(folder);
  }
}
