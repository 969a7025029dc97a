package org.fafbulk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.fafbulk.testing.SmallTmpfs;
import org.fafbulk.testing.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapsIndexTest {
  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void writesOneRecordPerMapWithApiFieldsAndScenario() throws IOException {
    MapsIndex index = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    index.put(apiMap("42", "theta_passage_5.v0001"));
    index.flush();

    JsonNode array = TestJson.FILES.read(dir.resolve(MapsIndex.FILE_NAME)).orElseThrow();
    assertThat(array.isArray()).isTrue();
    JsonNode map = array.get(0);
    assertThat(map.get("map_id").asText()).isEqualTo("42");
    assertThat(map.get("version_id").asText()).isEqualTo("420");
    assertThat(map.get("name").asText()).isEqualTo("Theta Passage 5");
    assertThat(map.get("author").asText()).isEqualTo("someone");
    assertThat(map.get("folder").asText()).isEqualTo("theta_passage_5.v0001");
    assertThat(map.get("version").asInt()).isEqualTo(1);
    assertThat(map.get("width").asInt()).isEqualTo(512);
    assertThat(map.get("size_km").asDouble()).isEqualTo(10.0);
    assertThat(map.get("max_players").asInt()).isEqualTo(4);
    assertThat(map.get("ranked").asBoolean()).isTrue();
    assertThat(map.get("archive_bytes").asLong()).isEqualTo(1234);
    assertThat(map.get("downloaded_at").asText()).isEqualTo("2025-01-02T03:04:05Z");
    assertThat(map.get("scenario").get("name").asText()).isEqualTo("Theta Passage 5");
    assertThat(map.get("scenario").get("armies").asInt()).isEqualTo(4);
  }

  @Test
  void writesNullApiFieldsForUrlFileMaps() throws IOException {
    MapsIndex index = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    index.put(urlMap("some_map.v0003"));
    index.flush();

    JsonNode map = TestJson.FILES.read(dir.resolve(MapsIndex.FILE_NAME)).orElseThrow().get(0);
    for (String field : new String[] {"map_id", "version_id", "name", "author", "max_players"}) {
      assertThat(map.get(field).isNull()).as(field).isTrue();
    }
    assertThat(map.get("folder").asText()).isEqualTo("some_map.v0003");
    assertThat(
            new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO))
                .contains("some_map.v0003"))
        .isTrue();
  }

  @Test
  void loadsExistingRecordsAndForgetsDroppedOnes() throws IOException {
    MapsIndex first = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    first.put(apiMap("1", "a.v0001"));
    first.put(apiMap("2", "b.v0001"));
    first.flush();

    MapsIndex second = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    assertThat(second.contains("1")).isTrue();
    assertThat(second.hasScenario("1")).isTrue();
    second.forget("1");
    second.flush();

    assertThat(MapsIndex.load(TestJson.FILES, dir)).extracting(MapRecord::id).containsExactly("2");
  }

  @Test
  void keepsRecordsOnDiskAndStreamsThemThroughEachWrite() throws IOException {
    MapsIndex index = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    index.put(urlMap("a"));
    index.put(urlMap("b"));
    index.put(urlMap("c"));
    index.flush();
    index.put(apiMap("b", "b")); // replaces b in its place
    index.put(urlMap("d"));
    index.forget("a");
    index.flush();

    assertThat(MapsIndex.load(TestJson.FILES, dir))
        .extracting(MapRecord::id)
        .containsExactly("b", "c", "d");
    assertThat(MapsIndex.load(TestJson.FILES, dir).get(0).api().map(MapRecord.Api::name))
        .contains("Theta Passage 5");
    assertThat(index.hasScenario("b")).isTrue();
    assertThat(index.hasScenario("c")).isFalse();
    assertThat(index.contains("a")).isFalse();
  }

  @Test
  void writesAnIdRepeatedInTheFileOnce() throws IOException {
    MapsIndex index = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    index.put(urlMap("a"));
    index.flush();
    Path file = dir.resolve(MapsIndex.FILE_NAME);
    String one = Files.readString(file).strip();
    String record = one.substring(1, one.length() - 1);
    Files.writeString(file, "[" + record + "," + record + "]");

    index.put(urlMap("b"));
    index.flush();

    assertThat(MapsIndex.load(TestJson.FILES, dir))
        .extracting(MapRecord::id)
        .containsExactly("a", "b");
  }

  @Test
  void keepsItsChangesWhenAWriteFails() throws IOException {
    MapsIndex index = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    index.put(urlMap("a"));
    index.flush();
    index.put(urlMap("b"));
    Path file = dir.resolve(MapsIndex.FILE_NAME);
    Files.delete(file);
    Files.createDirectory(file); // the next write cannot read what it streams through

    assertThatThrownBy(index::flush).isInstanceOf(StateFileException.class);
    Files.delete(file);
    index.flush();

    assertThat(MapsIndex.load(TestJson.FILES, dir)).extracting(MapRecord::id).containsExactly("b");
  }

  @Test
  void writesInBatchesLikeTheCheckpoint() throws IOException {
    MapsIndex index =
        new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ofHours(1)));
    index.put(urlMap("a"));
    index.flushIfDue();
    index.put(urlMap("b"));
    index.flushIfDue();

    assertThat(MapsIndex.load(TestJson.FILES, dir)).hasSize(1);
    index.flush();
    assertThat(MapsIndex.load(TestJson.FILES, dir)).hasSize(2);
  }

  @Test
  void refusesAFileThatIsNotAList() throws IOException {
    Files.writeString(dir.resolve(MapsIndex.FILE_NAME), "{\"not\": \"a list\"}");

    assertThatThrownBy(() -> MapsIndex.load(TestJson.FILES, dir))
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining("not a list");
  }

  @Test
  void refusesAFileItCannotReadInsteadOfStartingAfreshOverIt() throws IOException {
    Files.createDirectory(dir.resolve(MapsIndex.FILE_NAME)); // exists, but cannot be read as a file

    assertThatThrownBy(() -> MapsIndex.load(TestJson.FILES, dir))
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void writesAndReadsBackTwoThousandRecords() throws IOException {
    MapsIndex index = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    for (int i = 0; i < 2_000; i++) {
      index.put(urlMap("map_" + i + ".v0001"));
    }
    index.flush();

    assertThat(MapsIndex.load(TestJson.FILES, dir)).hasSize(2_000);
  }

  @Test
  void rewritesItsOwnRecordsUnchangedAndPutsOthersIntoItsShape() throws IOException {
    MapsIndex index = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    index.put(apiMap("1", "one"));
    index.put(urlMap("two"));
    index.flush();
    Path file = dir.resolve(MapsIndex.FILE_NAME);
    JsonNode own = new ObjectMapper().readTree(file.toFile());
    // A record by hand, or by an older faf: no size_km, a width that is not a number.
    Files.writeString(
        file,
        "["
            + own.get(0)
            + ","
            + own.get(1)
            + ",{\"folder\":\"three\",\"width\":\"wide\",\"height\":256}]");

    MapsIndex again = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    again.put(urlMap("four"));
    again.flush();

    JsonNode rewritten = new ObjectMapper().readTree(file.toFile());
    assertThat(rewritten.get(0)).isEqualTo(own.get(0));
    assertThat(rewritten.get(1)).isEqualTo(own.get(1));
    JsonNode third = rewritten.get(2);
    assertThat(third.get("folder").asText()).isEqualTo("three");
    assertThat(third.get("width").isNull()).isTrue();
    assertThat(third.has("size_km")).isTrue();
    assertThat(third.has("scenario")).isTrue();
    assertThat(rewritten.get(3).get("folder").asText()).isEqualTo("four");
  }

  @Test
  void cleansARecordOfAnOlderFafThatHasItsShapeButRawText() throws IOException {
    Path file = dir.resolve(MapsIndex.FILE_NAME);
    Files.writeString(
        file,
        "[{\"map_id\":\"7\",\"version_id\":\"70\",\"name\":\"\u202eevil\u009b31m\","
            + "\"author\":null,\"folder\":\"odd.v0001\",\"version\":1,\"width\":256,"
            + "\"height\":256,\"size_km\":999,\"max_players\":2,\"ranked\":true,"
            + "\"archive_bytes\":123456789012345678901234567890,\"downloaded_at\":\"yesterday\","
            + "\"scenario\":null}]");

    MapsIndex index = new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO));
    index.put(urlMap("other"));
    index.flush();

    JsonNode odd = new ObjectMapper().readTree(file.toFile()).get(0);
    assertThat(odd.get("name").asText()).isEqualTo("\\u202eevil\\u009b31m");
    assertThat(odd.get("size_km").asDouble()).isEqualTo(5.0);
    assertThat(odd.get("archive_bytes").isNull()).isTrue();
    assertThat(odd.get("downloaded_at").isNull()).isTrue();
  }

  @Test
  void aForgottenMapPutAgainIsReplacedInItsPlaceOnce() throws IOException {
    try (MapsIndex index =
        new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO))) {
      index.put(urlMap("a"));
      index.put(urlMap("b"));
      index.put(urlMap("c"));
      index.flush();
      index.forget("b"); // downloaded again: forgotten at admission, put when done
      index.put(apiMap("b", "b"));
      index.flush();
    }

    assertThat(MapsIndex.load(TestJson.FILES, dir))
        .extracting(MapRecord::id)
        .containsExactly("a", "b", "c");
    assertThat(MapsIndex.load(TestJson.FILES, dir).get(1).api()).isPresent();
  }

  @Test
  void aNewMapPutThenForgottenIsNotWritten() throws IOException {
    try (MapsIndex index =
        new MapsIndex(TestJson.FILES, dir, CLOCK, new FlushSchedule(Duration.ZERO))) {
      index.put(urlMap("a"));
      index.flush();
      index.put(urlMap("x"));
      index.forget("x");
      index.flush();
    }

    assertThat(MapsIndex.load(TestJson.FILES, dir)).extracting(MapRecord::id).containsExactly("a");
  }

  @Test
  void keepsEveryPendingRecordWhenAWriteFailsAfterReadingThem() throws Exception {
    try (SmallTmpfs disk = SmallTmpfs.mount(dir.resolve("disk"), "2m");
        MapsIndex index =
            new MapsIndex(TestJson.FILES, disk.path(), CLOCK, new FlushSchedule(Duration.ZERO))) {
      index.put(urlMap("first"));
      index.flush();
      for (int i = 0; i < 1_000; i++) {
        index.put(apiMap(Integer.toString(i), "map_" + i));
      }
      // Room for the pending records still in memory (at most 8 KiB; the rest are in the scratch
      // file already) but not for the new maps.json (~500 KB), which fails while being written,
      // after the pending records have been read.
      Path filler = disk.path().resolve("filler");
      long room = Files.getFileStore(disk.path()).getUsableSpace();
      Files.write(filler, new byte[(int) (room - 100 * 1024)]);

      assertThatThrownBy(index::flush).hasMessageContaining("No space left on device");
      Files.delete(filler);
      index.flush();

      assertThat(MapsIndex.load(TestJson.FILES, disk.path())).hasSize(1_001);
    }
  }

  @Test
  void givesSizeInKilometresOfTheLargerSide() {
    assertThat(apiMap("1", "a").sizeKm()).contains(10.0);
    assertThat(urlMap("a").sizeKm()).contains(5.0);
  }

  static MapRecord apiMap(String id, String folder) {
    return new MapRecord(
        Optional.of(
            new MapRecord.Api(id, id + "0", "Theta Passage 5", Optional.of("someone"), 1, 4, true)),
        folder,
        OptionalInt.of(512),
        OptionalInt.of(512),
        OptionalLong.of(1234),
        Optional.of(NOW),
        Optional.of(
            new MapRecord.Scenario(
                Optional.of("Theta Passage 5"),
                OptionalInt.of(512),
                OptionalInt.of(512),
                OptionalInt.of(4))));
  }

  static MapRecord urlMap(String folder) {
    return new MapRecord(
        Optional.empty(),
        folder,
        OptionalInt.of(256),
        OptionalInt.of(256),
        OptionalLong.of(99),
        Optional.of(NOW),
        Optional.empty());
  }
}
