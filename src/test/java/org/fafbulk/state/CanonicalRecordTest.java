package org.fafbulk.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.fafbulk.testing.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalRecordTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode written(MapRecord record) throws IOException {
    return (ObjectNode) MAPPER.readTree(TestJson.FILES.compact(record::write));
  }

  @Test
  void aRecordAsMapRecordWritesItIsCanonical() throws IOException {
    assertThat(CanonicalRecord.id(written(MapsIndexTest.apiMap("42", "a.v0001")))).contains("42");
    assertThat(CanonicalRecord.id(written(MapsIndexTest.urlMap("b.v0001")))).contains("b.v0001");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "raw text in the name",
        "raw text in the scenario name",
        "a size that does not match the width",
        "a size written as an integer",
        "a time that is not an instant",
        "a byte count beyond a long",
        "API fields without a map id",
        "a map id without its version id",
        "a field missing",
        "fields in another order",
        "a width that is a string",
        "an empty folder"
      })
  void anythingElseGoesThroughMapRecord(String change) throws IOException {
    ObjectNode node = written(MapsIndexTest.apiMap("42", "a.v0001"));
    changes(change).accept(node);
    assertThat(CanonicalRecord.id(node)).as(change).isEmpty();
  }

  /** The fast check of downloaded_at agrees with parsing and printing it, on many near misses. */
  @Test
  void takesATimeAsCanonicalExactlyWhenItPrintsBackAsItself() throws IOException {
    ObjectNode node = written(MapsIndexTest.apiMap("42", "a.v0001"));
    Random random = new Random(13);
    String[] fractions = {
      "", ".000", ".100", ".123", ".120000", ".123456", ".123456000", ".123456789", ".1", ".1234"
    };
    for (int i = 0; i < 20_000; i++) {
      String time =
          String.format(
              Locale.ROOT,
              "%04d-%02d-%02dT%02d:%02d:%02d%sZ",
              random.nextInt(3) == 0 ? random.nextInt(10_000) : 1999 + random.nextInt(30),
              random.nextInt(14),
              random.nextInt(33),
              random.nextInt(26),
              random.nextInt(62),
              random.nextInt(62),
              fractions[random.nextInt(fractions.length)]);
      if (random.nextInt(10) == 0) {
        int at = random.nextInt(time.length());
        time = time.substring(0, at) + "x-:T.Z9".charAt(random.nextInt(7)) + time.substring(at + 1);
      }
      node.put("downloaded_at", time);
      assertThat(CanonicalRecord.id(node).isPresent()).as(time).isEqualTo(printsBack(time));
    }
  }

  private static boolean printsBack(String time) {
    try {
      return Instant.parse(time).toString().equals(time);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Consumer<ObjectNode> changes(String change) {
    return switch (change) {
      case "raw text in the name" -> n -> n.put("name", "\u202eevil");
      case "raw text in the scenario name" ->
          n -> ((ObjectNode) n.get("scenario")).put("name", "x\u009b31m");
      case "a size that does not match the width" -> n -> n.put("size_km", 999.0);
      case "a size written as an integer" -> n -> n.put("size_km", 10);
      case "a time that is not an instant" -> n -> n.put("downloaded_at", "yesterday");
      case "a byte count beyond a long" ->
          n -> n.put("archive_bytes", new java.math.BigInteger("123456789012345678901234567890"));
      case "API fields without a map id" -> n -> n.putNull("map_id");
      case "a map id without its version id" -> n -> n.putNull("version_id");
      case "a field missing" -> n -> n.remove("ranked");
      case "fields in another order" -> n -> n.set("map_id", n.remove("map_id"));
      case "a width that is a string" -> n -> n.put("width", "wide");
      case "an empty folder" -> n -> n.put("folder", "");
      default -> throw new IllegalArgumentException(change);
    };
  }
}
