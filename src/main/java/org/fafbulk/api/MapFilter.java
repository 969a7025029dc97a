package org.fafbulk.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which maps to select, turned into RSQL for the server so that the vault is never fetched whole to
 * be filtered here. Sizes are in map units (512 = 10 km) and bound both width and height. Built
 * with {@link #builder()}, which names each criterion.
 */
public record MapFilter(
    OptionalInt minSize,
    OptionalInt maxSize,
    OptionalInt players,
    OptionalInt minPlayers,
    OptionalInt maxPlayers,
    boolean rankedOnly,
    Optional<String> name,
    boolean includeHidden) {
  public static final MapFilter ALL = builder().build();

  public MapFilter {
    if (minSize.isPresent() && maxSize.isPresent() && minSize.getAsInt() > maxSize.getAsInt()) {
      throw new IllegalArgumentException("--min-size is larger than --max-size");
    }
    if (minPlayers.isPresent()
        && maxPlayers.isPresent()
        && minPlayers.getAsInt() > maxPlayers.getAsInt()) {
      throw new IllegalArgumentException("--min-players is larger than --max-players");
    }
    if (players.isPresent() && (minPlayers.isPresent() || maxPlayers.isPresent())) {
      throw new IllegalArgumentException(
          "--players cannot be combined with --min-players or --max-players");
    }
  }

  /** The RSQL expression for Elide's {@code filter=} on {@code /data/map}. */
  public String toRsql() {
    List<String> terms = new ArrayList<>();
    minSize.ifPresent(
        s -> {
          terms.add("latestVersion.width=ge=" + quote(s));
          terms.add("latestVersion.height=ge=" + quote(s));
        });
    maxSize.ifPresent(
        s -> {
          terms.add("latestVersion.width=le=" + quote(s));
          terms.add("latestVersion.height=le=" + quote(s));
        });
    players.ifPresent(p -> terms.add("latestVersion.maxPlayers==" + quote(p)));
    minPlayers.ifPresent(p -> terms.add("latestVersion.maxPlayers=ge=" + quote(p)));
    maxPlayers.ifPresent(p -> terms.add("latestVersion.maxPlayers=le=" + quote(p)));
    if (rankedOnly) {
      terms.add("latestVersion.ranked==\"true\"");
    }
    name.ifPresent(n -> terms.add("displayName==" + quote("*" + n + "*")));
    if (!includeHidden) {
      terms.add("latestVersion.hidden==\"false\"");
    }
    return String.join(";", terms);
  }

  private static String quote(Object value) {
    String text = String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"");
    return "\"" + text + "\"";
  }

  /** The filters as checkpoint.json records them, e.g. {@code {"map_size": ">=512"}}. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    List<String> size = new ArrayList<>();
    minSize.ifPresent(s -> size.add(">=" + s));
    maxSize.ifPresent(s -> size.add("<=" + s));
    if (!size.isEmpty()) {
      node.put("map_size", String.join(",", size));
    }
    players.ifPresent(p -> node.put("player_count", p));
    List<String> range = new ArrayList<>();
    minPlayers.ifPresent(p -> range.add(">=" + p));
    maxPlayers.ifPresent(p -> range.add("<=" + p));
    if (!range.isEmpty()) {
      node.put("player_count", String.join(",", range));
    }
    if (rankedOnly) {
      node.put("ranked", true);
    }
    name.ifPresent(n -> node.put("name", n));
    if (includeHidden) {
      node.put("include_hidden", true);
    }
    return node;
  }

  /** Reads back what {@link #toJson()} wrote. */
  public static MapFilter fromJson(JsonNode node) {
    Bounds size = Bounds.parse(node.path("map_size"));
    JsonNode playerNode = node.path("player_count");
    OptionalInt exact =
        playerNode.isInt() ? OptionalInt.of(playerNode.asInt()) : OptionalInt.empty();
    Bounds range = playerNode.isInt() ? Bounds.NONE : Bounds.parse(playerNode);
    return builder()
        .minSize(size.min)
        .maxSize(size.max)
        .players(exact)
        .minPlayers(range.min)
        .maxPlayers(range.max)
        .rankedOnly(node.path("ranked").asBoolean(false))
        .name(node.hasNonNull("name") ? Optional.of(node.get("name").asText()) : Optional.empty())
        .includeHidden(node.path("include_hidden").asBoolean(false))
        .build();
  }

  /** A filter with no criterion, to which each setter adds one. */
  public static Builder builder() {
    return new Builder();
  }

  /** Names each criterion of a {@link MapFilter}; {@link #build()} checks they fit together. */
  public static final class Builder {
    private OptionalInt minSize = OptionalInt.empty();
    private OptionalInt maxSize = OptionalInt.empty();
    private OptionalInt players = OptionalInt.empty();
    private OptionalInt minPlayers = OptionalInt.empty();
    private OptionalInt maxPlayers = OptionalInt.empty();
    private boolean rankedOnly;
    private Optional<String> name = Optional.empty();
    private boolean includeHidden;

    private Builder() {}

    public Builder minSize(OptionalInt units) {
      this.minSize = units;
      return this;
    }

    public Builder minSize(int units) {
      return minSize(OptionalInt.of(units));
    }

    public Builder maxSize(OptionalInt units) {
      this.maxSize = units;
      return this;
    }

    public Builder maxSize(int units) {
      return maxSize(OptionalInt.of(units));
    }

    /** Exactly this many players. */
    public Builder players(OptionalInt count) {
      this.players = count;
      return this;
    }

    public Builder players(int count) {
      return players(OptionalInt.of(count));
    }

    public Builder minPlayers(OptionalInt count) {
      this.minPlayers = count;
      return this;
    }

    public Builder minPlayers(int count) {
      return minPlayers(OptionalInt.of(count));
    }

    public Builder maxPlayers(OptionalInt count) {
      this.maxPlayers = count;
      return this;
    }

    public Builder maxPlayers(int count) {
      return maxPlayers(OptionalInt.of(count));
    }

    public Builder rankedOnly(boolean rankedOnly) {
      this.rankedOnly = rankedOnly;
      return this;
    }

    /** Only maps whose name contains {@code text}. */
    public Builder name(Optional<String> text) {
      this.name = text;
      return this;
    }

    public Builder name(String text) {
      return name(Optional.of(text));
    }

    public Builder includeHidden(boolean includeHidden) {
      this.includeHidden = includeHidden;
      return this;
    }

    /** The filter; an {@link IllegalArgumentException} when the criteria contradict each other. */
    public MapFilter build() {
      return new MapFilter(
          minSize, maxSize, players, minPlayers, maxPlayers, rankedOnly, name, includeHidden);
    }
  }

  private record Bounds(OptionalInt min, OptionalInt max) {
    static final Bounds NONE = new Bounds(OptionalInt.empty(), OptionalInt.empty());

    static Bounds parse(JsonNode node) {
      OptionalInt min = OptionalInt.empty();
      OptionalInt max = OptionalInt.empty();
      if (!node.isTextual()) {
        return NONE;
      }
      for (String part : node.asText().split(",", -1)) {
        String p = part.trim();
        if (p.startsWith(">=")) {
          min = OptionalInt.of(Integer.parseInt(p.substring(2)));
        } else if (p.startsWith("<=")) {
          max = OptionalInt.of(Integer.parseInt(p.substring(2)));
        } else {
          throw new IllegalArgumentException("cannot read the filter bound '" + p + "'");
        }
      }
      return new Bounds(min, max);
    }
  }
}
