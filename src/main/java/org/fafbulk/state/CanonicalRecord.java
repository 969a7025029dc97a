package org.fafbulk.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.fafbulk.Printable;

/**
 * Tells a maps.json record that {@link MapRecord#write} would write back exactly as it is, so that
 * a rewrite of a large file can copy it instead of rebuilding it (which cost more than the rest of
 * the bookkeeping of a long run). Anything else, from a hand edit or an older faf (raw API text,
 * another field order, a size that does not match), goes through {@link MapRecord} and is cleaned
 * as it always was.
 */
final class CanonicalRecord {
  private static final List<String> FIELDS =
      List.of(
          "map_id",
          "version_id",
          "name",
          "author",
          "folder",
          "version",
          "width",
          "height",
          "size_km",
          "max_players",
          "ranked",
          "archive_bytes",
          "downloaded_at",
          "scenario");
  private static final List<String> SCENARIO_FIELDS = List.of("name", "width", "height", "armies");
  private static final List<String> API_FIELDS =
      List.of("version_id", "name", "version", "max_players", "ranked");

  private CanonicalRecord() {}

  /** The record's id when {@code node} is exactly what MapRecord writes; empty otherwise. */
  static Optional<String> id(JsonNode node) {
    JsonNode folder = node.path("folder");
    JsonNode mapId = node.path("map_id");
    boolean canonical =
        fieldsAre(node, FIELDS)
            && folder.isTextual()
            && !folder.textValue().isEmpty()
            && (mapId.isNull() ? apiAbsent(node) : mapId.isTextual() && apiPresent(node))
            && all(node, CanonicalRecord::safeText, "name", "author")
            && all(node, JsonNode::isInt, "width", "height")
            && sizeMatches(node)
            && all(node, n -> n.isIntegralNumber() && n.canConvertToLong(), "archive_bytes")
            && all(node, CanonicalRecord::isInstant, "downloaded_at")
            && scenario(node.get("scenario"));
    return canonical
        ? Optional.of(mapId.isTextual() ? mapId.textValue() : folder.textValue())
        : Optional.empty();
  }

  /** Without a map id, MapRecord writes every API field as null. */
  private static boolean apiAbsent(JsonNode node) {
    return node.get("author").isNull() && API_FIELDS.stream().allMatch(f -> node.get(f).isNull());
  }

  /** With one, it writes each (but the author) as a value, never as null. */
  private static boolean apiPresent(JsonNode node) {
    return node.get("version_id").isTextual()
        && node.get("name").isTextual()
        && node.get("version").isInt()
        && node.get("max_players").isInt()
        && node.get("ranked").isBoolean();
  }

  private static boolean sizeMatches(JsonNode node) {
    Optional<Double> size = MapRecord.sizeKm(integer(node, "width"), integer(node, "height"));
    JsonNode written = node.get("size_km");
    return size.isEmpty()
        ? written.isNull()
        : written.isDouble() && written.doubleValue() == size.get();
  }

  private static OptionalInt integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value.isInt() ? OptionalInt.of(value.intValue()) : OptionalInt.empty();
  }

  private static boolean scenario(JsonNode scenario) {
    return scenario.isNull()
        || (fieldsAre(scenario, SCENARIO_FIELDS)
            && all(scenario, CanonicalRecord::safeText, "name")
            && all(scenario, JsonNode::isInt, "width", "height", "armies"));
  }

  private static boolean safeText(JsonNode value) {
    return value.isTextual() && Printable.isSafe(value.textValue());
  }

  /**
   * Whether {@code value} is an instant exactly as {@link java.time.Instant#toString} prints one in
   * the years 0000-9999 ({@code 2025-01-02T03:04:05Z}, a fraction in groups of three digits without
   * a trailing zero group): what parsing and printing it again would give back unchanged, checked
   * without {@code Instant.parse}, which cost more than the rest of this class.
   */
  private static boolean isInstant(JsonNode value) {
    if (!value.isTextual()) {
      return false;
    }
    String t = value.textValue();
    int length = t.length();
    if (!(length == 20 || length == 24 || length == 27 || length == 30)
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || t.charAt(length - 1) != 'Z'
        || (length > 20 && t.charAt(19) != '.')
        || (length > 20 && t.endsWith("000Z"))) {
      return false;
    }
    int year = number(t, 0, 4);
    int month = number(t, 5, 7);
    int day = number(t, 8, 10);
    return year >= 0
        && month >= 1
        && month <= 12
        && day >= 1
        && day <= java.time.YearMonth.of(year, month).lengthOfMonth()
        && between(number(t, 11, 13), 0, 23)
        && between(number(t, 14, 16), 0, 59)
        && between(number(t, 17, 19), 0, 59)
        && (length == 20 || number(t, 20, length - 1) >= 0);
  }

  /** The decimal digits of {@code t} from {@code from} to {@code to}, or -1 if any is not one. */
  private static int number(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean between(int value, int low, int high) {
    return value >= low && value <= high;
  }

  /** Whether {@code node} is an object with exactly {@code fields}, in that order. */
  private static boolean fieldsAre(JsonNode node, List<String> fields) {
    if (!node.isObject() || node.size() != fields.size()) {
      return false;
    }
    Iterator<String> names = node.fieldNames();
    for (String field : fields) {
      if (!names.next().equals(field)) {
        return false;
      }
    }
    return true;
  }

  /** Whether each field is null or of the kind {@code kind} accepts. */
  private static boolean all(JsonNode node, Predicate<JsonNode> kind, String... fields) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (!value.isNull() && !kind.test(value)) {
        return false;
      }
    }
    return true;
  }
}
