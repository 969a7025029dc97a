package org.fafbulk.api;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A queue of listed maps, each kept as two byte arrays until it is taken, the map's part and its
 * latest version's part: a 10,000-map page waits as ~2 MB instead of ~7 MB of records and strings
 * that a long run would carry into the old generation. The parts are the ones {@link
 * MapPageBuilder} packs while it reads the page, so that joining a map to its version copies
 * nothing; a version that two maps name is one shared array. Strings are kept char by char, so
 * every map comes back equal to the one put in, whatever the server sent.
 */
final class PackedMaps {
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();

  /**
   * One map: its part ({@link #packMap}), its version's part ({@link #packVersion}), its author's
   * login.
   */
  private static final class Entry {
    final byte[] map;
    final byte[] version;
    final Optional<String> author;

    Entry(byte[] map, byte[] version, Optional<String> author) {
      this.map = map;
      this.version = version;
      this.author = author;
    }
  }

  void add(FafMap map) {
    PackedBytes.Writer writer = new PackedBytes.Writer();
    MapVersion version = map.latestVersion();
    add(
        packMap(writer, map.id(), Optional.of(map.displayName()), version.id(), ""),
        packVersion(writer, version),
        map.author());
  }

  /** Adds a map from its parts; {@code version} must be the version the map part names. */
  void add(byte[] map, byte[] version, Optional<String> author) {
    queue.addLast(new Entry(map, version, author));
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }

  /** Takes the oldest map, unpacked. */
  FafMap removeFirst() {
    Entry entry = queue.pollFirst();
    if (entry == null) {
      throw new NoSuchElementException();
    }
    PackedBytes.Reader map = new PackedBytes.Reader(entry.map);
    String id = map.string();
    Optional<String> displayName = map.number() == 1 ? Optional.of(map.string()) : Optional.empty();
    MapVersion version = unpackVersion(entry.version);
    return new FafMap(id, displayName.orElse(version.folderName()), entry.author, version);
  }

  /**
   * The part of a {@code map} resource: what the map contributes to a {@link FafMap}, then the ids
   * it refers to, which {@link #latestVersionId} and {@link #authorId} read back for the join.
   */
  static byte[] packMap(
      PackedBytes.Writer writer,
      String id,
      Optional<String> displayName,
      String latestVersionId,
      String authorId) {
    writer.string(id).number(displayName.isPresent() ? 1 : 0);
    displayName.ifPresent(writer::string);
    return writer.string(latestVersionId).string(authorId).take();
  }

  static String latestVersionId(byte[] map) {
    PackedBytes.Reader reader = skipToReferences(map);
    return reader.string();
  }

  static String authorId(byte[] map) {
    PackedBytes.Reader reader = skipToReferences(map);
    reader.skipString();
    return reader.string();
  }

  private static PackedBytes.Reader skipToReferences(byte[] map) {
    PackedBytes.Reader reader = new PackedBytes.Reader(map);
    reader.skipString();
    if (reader.number() == 1) {
      reader.skipString();
    }
    return reader;
  }

  /** The part of a {@code mapVersion} resource: all of the {@link MapVersion}. */
  static byte[] packVersion(PackedBytes.Writer writer, MapVersion v) {
    return writer
        .string(v.id())
        .string(v.folderName())
        .string(v.downloadUrl())
        .number(v.version())
        .number(v.width())
        .number(v.height())
        .number(v.maxPlayers())
        .number((v.ranked() ? 1 : 0) | (v.hidden() ? 2 : 0))
        .take();
  }

  private static MapVersion unpackVersion(byte[] version) {
    PackedBytes.Reader reader = new PackedBytes.Reader(version);
    String id = reader.string();
    String folderName = reader.string();
    String downloadUrl = reader.string();
    int number = reader.number();
    int width = reader.number();
    int height = reader.number();
    int maxPlayers = reader.number();
    int flags = reader.number();
    return new MapVersion(
        id,
        number,
        folderName,
        downloadUrl,
        width,
        height,
        maxPlayers,
        (flags & 1) != 0,
        (flags & 2) != 0);
  }
}
