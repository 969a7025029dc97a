package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FolderNamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"theta_passage_5.v0001", "Seton's Clutch", "x", "a.b-c_d (2)"})
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
