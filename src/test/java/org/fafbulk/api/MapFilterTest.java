package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MapFilterTest {
  private static final OptionalInt NONE = OptionalInt.empty();

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
    MapFilter filter =
        new MapFilter(
            OptionalInt.of(256),
            OptionalInt.of(512),
            NONE,
            NONE,
            NONE,
            false,
            Optional.empty(),
            true);

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
    assertThatThrownBy(
            () ->
                new MapFilter(
                    OptionalInt.of(1024),
                    OptionalInt.of(512),
                    NONE,
                    NONE,
                    NONE,
                    false,
                    Optional.empty(),
                    false))
        .hasMessageContaining("--min-size");
    assertThatThrownBy(
            () ->
                new MapFilter(
                    NONE,
                    NONE,
                    NONE,
                    OptionalInt.of(8),
                    OptionalInt.of(4),
                    false,
                    Optional.empty(),
                    false))
        .hasMessageContaining("--min-players");
    assertThatThrownBy(
            () ->
                new MapFilter(
                    NONE,
                    NONE,
                    OptionalInt.of(4),
                    OptionalInt.of(2),
                    NONE,
                    false,
                    Optional.empty(),
                    false))
        .hasMessageContaining("--players cannot be combined");
  }
}
