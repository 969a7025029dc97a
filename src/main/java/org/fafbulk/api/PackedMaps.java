package org.fafbulk.api;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A queue of listed maps, each kept as two byte arrays until it is taken, the map's part and its
 * latest version's part: a 10,000-map page waits as ~1.4 MB instead of ~7 MB of records and strings
 * that a long run would carry into the old generation. The parts are the ones {@link
 * MapPageBuilder} packs while it reads the page, so that joining a map to its version copies
 * nothing; a version that two maps name is one shared array. Strings are kept char by char, so
 * every map comes back equal to the one put in, whatever the server sent.
 */
final class PackedMaps implements ListedMaps {
  // The queue as parallel arrays, taken at head and added at tail: no object per waiting map.
  // Each map is its part (packMap), its version's part (packVersion) and its author's login.
  private byte[][] maps;
  private byte[][] versions;
  private Object[] authors; // Optional<String>
  private int head;
  private int tail;
  private final DownloadUrls urls;

  PackedMaps() {
    this(16, new DownloadUrls());
  }

  /**
   * A queue with room for {@code expected} maps before it grows, whose version parts were packed
   * with {@code urls}.
   */
  PackedMaps(int expected, DownloadUrls urls) {
    this.urls = urls;
    int capacity = Math.max(1, expected);
    maps = new byte[capacity][];
    versions = new byte[capacity][];
    authors = new Object[capacity];
  }

  void add(FafMap map) {
    PackedBytes.Writer writer = new PackedBytes.Writer();
    MapVersion version = map.latestVersion();
    add(
        packMap(writer, map.id(), Optional.of(map.displayName()), version.id(), ""),
        packVersion(writer, urls, version),
        map.author());
  }

  /** Adds a map from its parts; {@code version} must be the version the map part names. */
  void add(byte[] map, byte[] version, Optional<String> author) {
    if (tail == maps.length) {
      makeRoom();
    }
    maps[tail] = map;
    versions[tail] = version;
    authors[tail] = author;
    tail++;
  }

  @Override
  public boolean isEmpty() {
    return head == tail;
  }

  int size() {
    return tail - head;
  }

  @Override
  public FafMap removeFirst() {
    if (isEmpty()) {
      throw new NoSuchElementException();
    }
    @SuppressWarnings("unchecked") // authors holds only what add stored, an Optional<String>
    Optional<String> author = (Optional<String>) authors[head];
    FafMap map = unpack(maps[head], versions[head], author, urls);
    maps[head] = null; // taken maps are garbage at once, not when the queue is
    versions[head] = null;
    authors[head] = null;
    head++;
    return map;
  }

  /** The map a map part and its version's part (packed with {@code urls}) stand for. */
  static FafMap unpack(byte[] map, byte[] version, Optional<String> author, DownloadUrls urls) {
    PackedBytes.Reader reader = new PackedBytes.Reader(map);
    MapVersion latest = unpackVersion(version, urls);
    String id = reader.string();
    Optional<String> displayName =
        reader.number() == 1 ? Optional.of(reader.string()) : Optional.empty();
    return new FafMap(id, displayName.orElse(latest.folderName()), author, latest);
  }

  /** Moves the waiting maps to the front, into arrays twice as long when they are over half. */
  private void makeRoom() {
    int size = size();
    int capacity = size * 2 > maps.length ? maps.length * 2 : maps.length;
    maps = Arrays.copyOfRange(maps, head, head + capacity);
    versions = Arrays.copyOfRange(versions, head, head + capacity);
    authors = Arrays.copyOfRange(authors, head, head + capacity);
    head = 0;
    tail = size;
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

  /**
   * The part of a {@code mapVersion} resource: all of the {@link MapVersion}, its URL as {@code
   * urls} packs it.
   */
  static byte[] packVersion(PackedBytes.Writer writer, DownloadUrls urls, MapVersion v) {
    writer.string(v.id()).string(v.folderName());
    urls.pack(writer, v.downloadUrl(), v.folderName());
    return writer
        .number(v.version())
        .number(v.width())
        .number(v.height())
        .number(v.maxPlayers())
        .number((v.ranked() ? 1 : 0) | (v.hidden() ? 2 : 0))
        .take();
  }

  private static MapVersion unpackVersion(byte[] version, DownloadUrls urls) {
    PackedBytes.Reader reader = new PackedBytes.Reader(version);
    String id = reader.string();
    String folderName = reader.string();
    String downloadUrl = urls.unpack(reader, folderName);
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
