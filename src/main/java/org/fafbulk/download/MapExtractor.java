package org.fafbulk.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Extracts a map archive into an empty folder, refusing entries that would escape it (zip-slip,
 * absolute paths, symbolic links) and archives that would expand far beyond any real map. The
 * checks and the extraction use the same single reading of the archive ({@link ZipDirectory}).
 */
final class MapExtractor {
  /** What was extracted: the archive's own top-level folder name, if it had one. */
  record Extracted(String archiveFolder, long bytes) {}

  private MapExtractor() {}

  static Extracted extract(ArchiveBytes archive, Path target, ArchiveLimits limits)
      throws IOException, MapFailure {
    long archiveBytes = archive.size();
    List<ZipDirectory.Entry> entries =
        ZipDirectory.read(archive, limits.maxEntries()).stream()
            .filter(e -> !isRootEntry(e))
            .toList();
    checkEntries(entries, archiveBytes, limits);
    checkNames(entries);
    String top = topLevelFolder(entries);
    long budget =
        (long) Math.min((double) limits.maxUncompressedBytes(), limits.maxRatio() * archiveBytes);
    try (EntryCopier copier = new EntryCopier(archive, budget, entries)) {
      writeEntries(entries, top.isEmpty() ? "" : top + "/", target, copier);
      return new Extracted(top, copier.written());
    }
  }

  /** Writes the entries under {@code prefix} into {@code target}, without the prefix. */
  private static void writeEntries(
      List<ZipDirectory.Entry> entries, String prefix, Path target, EntryCopier copier)
      throws IOException, MapFailure {
    Set<Path> folders = new HashSet<>();
    for (ZipDirectory.Entry entry : entries) {
      String name = entry.name();
      if (!name.startsWith(prefix)) {
        continue; // an empty folder beside the map's own: nothing of it is extracted
      }
      String relative = name.substring(prefix.length());
      if (relative.isEmpty()) {
        continue;
      }
      Path out = target.resolve(relative).normalize();
      if (!out.startsWith(target) || out.equals(target)) {
        throw MapFailure.rejected(
            "archive entry '" + FolderNames.printable(name) + "' escapes the map folder");
      }
      if (entry.isDirectory()) {
        createFolder(out, folders);
      } else {
        createFolder(out.getParent(), folders);
        copier.copy(entry, out);
      }
    }
  }

  /**
   * Refuses names that would land on one path: twice the same, a file and a folder of one name, or
   * two names that differ in case only (some disks ignore it), all before anything is written.
   */
  private static void checkNames(List<ZipDirectory.Entry> entries) throws MapFailure {
    List<String> keys = entries.stream().map(entry -> clashKey(entry.name())).toList();
    Set<String> files = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!entries.get(i).isDirectory()) {
        files.add(keys.get(i));
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String name = entries.get(i).name();
      if (!seen.add(keys.get(i))) {
        throw MapFailure.rejected(
            "archive holds the entry '" + FolderNames.printable(name) + "' twice");
      }
      checkParentsAreFolders(name, keys.get(i), files);
    }
  }

  /**
   * Refuses an entry under a name that the archive also holds as a file ({@code m/a} and {@code
   * m/a/b}), which no disk can hold: writing it would fail as if the output directory were at
   * fault.
   */
  private static void checkParentsAreFolders(String name, String key, Set<String> files)
      throws MapFailure {
    for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
      if (files.contains(key.substring(0, slash))) {
        throw MapFailure.rejected(
            "archive holds '"
                + FolderNames.printable(key.substring(0, slash))
                + "' (in "
                + FolderNames.printable(name)
                + ") both as a file and as a folder");
      }
    }
  }

  /**
   * The path an entry lands on, as disks that ignore case compare it: lower case, without empty or
   * {@code .} segments ({@code m/./a/} and {@code M//A} are both {@code m/a}).
   */
  private static String clashKey(String name) {
    StringBuilder key = new StringBuilder(name.length());
    for (String segment : name.toLowerCase(Locale.ROOT).split("/", -1)) {
      if (!segment.isEmpty() && !segment.equals(".")) {
        key.append(key.length() == 0 ? "" : "/").append(segment);
      }
    }
    return key.toString();
  }

  /**
   * Creates {@code folder} once per archive: asked again for a folder that exists, {@link
   * Files#createDirectories} throws and catches an exception each time.
   */
  private static void createFolder(Path folder, Set<Path> created) throws IOException {
    if (created.add(folder)) {
      Files.createDirectories(folder);
    }
  }

  /**
   * A bare {@code /} or {@code ./}, which some Windows zip tools write first: it names the
   * archive's own root, not a path outside it.
   */
  private static boolean isRootEntry(ZipDirectory.Entry entry) {
    return (entry.name().equals("/") || entry.name().equals("./")) && entry.size() == 0;
  }

  private static void checkEntries(
      List<ZipDirectory.Entry> entries, long archiveBytes, ArchiveLimits limits) throws MapFailure {
    if (entries.stream().allMatch(ZipDirectory.Entry::isDirectory)) {
      throw MapFailure.rejected("archive is empty (no files)");
    }
    long total = 0;
    for (ZipDirectory.Entry entry : entries) {
      checkPath(entry.name());
      if (entry.symlink()) {
        throw refused(entry.name(), "is a symbolic link");
      }
      if (entry.isDirectory() && entry.size() != 0) {
        throw refused(entry.name(), "is a folder that holds data");
      }
      total += entry.size();
    }
    if (total > limits.maxUncompressedBytes()) {
      throw MapFailure.rejected(
          String.format(
              Locale.ROOT,
              "zip bomb: expands to %,d bytes, more than the limit of %,d",
              total,
              limits.maxUncompressedBytes()));
    }
    double ratio = (double) total / Math.max(1, archiveBytes);
    if (ratio > limits.maxRatio()) {
      throw MapFailure.rejected(
          String.format(
              Locale.ROOT,
              "zip bomb: %,d bytes expand to %,d (ratio %.0f, limit %.0f)",
              archiveBytes,
              total,
              ratio,
              limits.maxRatio()));
    }
  }

  private static void checkPath(String raw) throws MapFailure {
    if (raw.startsWith("/") || raw.startsWith("\\") || hasDriveLetter(raw)) {
      throw refused(raw, "has an absolute path");
    }
    if (raw.indexOf('\\') >= 0) {
      throw refused(raw, "contains a backslash");
    }
    // Only the segment ".." climbs; "a..b" or "name..v0001" is an ordinary name.
    if (raw.equals("..") || raw.startsWith("../") || raw.endsWith("/..") || raw.contains("/../")) {
      throw refused(raw, "escapes the map folder (zip-slip)");
    }
    for (int i = 0; i < raw.length(); i++) {
      if (Character.isISOControl(raw.charAt(i))) {
        throw refused(raw, "contains a control character");
      }
    }
  }

  private static boolean hasDriveLetter(String raw) {
    return raw.length() >= 2
        && raw.charAt(1) == ':'
        && ((raw.charAt(0) >= 'A' && raw.charAt(0) <= 'Z')
            || (raw.charAt(0) >= 'a' && raw.charAt(0) <= 'z'));
  }

  private static MapFailure refused(String raw, String why) {
    return MapFailure.rejected("archive entry '" + FolderNames.printable(raw) + "' " + why);
  }

  /**
   * The single top-level folder that holds the files, or "" when they lie at the archive's root.
   * Folder entries do not count: an empty folder beside the map's own is harmless and left out.
   */
  private static String topLevelFolder(List<ZipDirectory.Entry> entries) throws MapFailure {
    Set<String> folders = new TreeSet<>();
    for (ZipDirectory.Entry entry : entries) {
      if (entry.isDirectory()) {
        continue;
      }
      int slash = entry.name().indexOf('/');
      if (slash < 0) {
        return "";
      }
      folders.add(entry.name().substring(0, slash));
    }
    if (folders.size() != 1) {
      throw MapFailure.rejected(
          "archive holds "
              + folders.size()
              + " top-level folders "
              + FolderNames.printable(folders.toString())
              + ", expected one");
    }
    return folders.iterator().next();
  }
}
