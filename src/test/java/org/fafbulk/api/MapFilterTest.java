package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MapFilterTest {
  @Test
  void noCriteriaStillExcludesHiddenMaps() {
    assertThat(MapFilter.ALL.toRsql()).isEqualTo("latestVersion.hidden==\"false\"");
  }

  @Test
  void includingHiddenMapsWithNoOtherCriteriaIsAnEmptyFilter() {
    assertThat(Filters.includeHidden().toRsql()).isEmpty();
  }

  @Test
  void sizeBoundsBothWidthAndHeight() {
    MapFilter filter = MapFilter.builder().minSize(256).maxSize(512).includeHidden(true).build();

    assertThat(filter.toRsql())
        .isEqualTo(
            "latestVersion.width=ge=\"256\";latestVersion.height=ge=\"256\";"
                + "latestVersion.width=le=\"512\";latestVersion.height=le=\"512\"");
  }

  @Test
  void nameIsAWildcardMatchWithQuotesAndBackslashesEscaped() {
    assertThat(Filters.name("a\"b\\c").toRsql()).startsWith("displayName==\"*a\\\"b\\\\c*\";");
  }

  @Test
  void writesCheckpointJsonInTheDocumentedShape() {
    assertThat(Filters.everything().toJson().toString())
        .isEqualTo(
            "{\"map_size\":\">=256,<=1024\",\"player_count\":\">=2,<=8\",\"ranked\":true,"
                + "\"name\":\"Seton\",\"include_hidden\":true}");
    assertThat(Filters.players(4).toJson().toString()).isEqualTo("{\"player_count\":4}");
    assertThat(MapFilter.ALL.toJson().toString()).isEqualTo("{}");
  }

  static Stream<MapFilter> everyFilter() {
    return Stream.of(
        MapFilter.ALL,
        Filters.minSize(512),
        Filters.maxSize(1024),
        Filters.players(8),
        Filters.minPlayers(2),
        Filters.maxPlayers(6),
        Filters.rankedOnly(),
        Filters.name("Seton's \"Clutch\""),
        Filters.includeHidden(),
        Filters.everything());
  }

  @ParameterizedTest
  @MethodSource("everyFilter")
  void jsonRoundTripGivesTheSameFilter(MapFilter filter) throws Exception {
    String written = new ObjectMapper().writeValueAsString(filter.toJson());

    MapFilter read = MapFilter.fromJson(new ObjectMapper().readTree(written));

    assertThat(read).isEqualTo(filter);
    assertThat(read.toRsql()).isEqualTo(filter.toRsql());
  }

  @Test
  void readingAnUnknownBoundFails() throws Exception {
    assertThatThrownBy(
            () -> MapFilter.fromJson(new ObjectMapper().readTree("{\"map_size\": \"~512\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("~512");
  }

  @Test
  void rejectsContradictoryCriteria() {
    assertThatThrownBy(() -> MapFilter.builder().minSize(1024).maxSize(512).build())
        .hasMessageContaining("--min-size");
    assertThatThrownBy(() -> MapFilter.builder().minPlayers(8).maxPlayers(4).build())
        .hasMessageContaining("--min-players");
    assertThatThrownBy(() -> MapFilter.builder().players(4).minPlayers(2).build())
        .hasMessageContaining("--players cannot be combined");
  }
}
