package org.fafbulk.download;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts a map archive into an empty folder, refusing entries that would escape it (zip-slip,
 * absolute paths, symbolic links) and archives that would expand far beyond any real map.
 */
final class MapExtractor {
  private static final int BUFFER = 64 * 1024;

  /** What was extracted: the archive's own top-level folder name, if it had one. */
  record Extracted(String archiveFolder, long bytes) {}

  private MapExtractor() {}

  static Extracted extract(Path zip, Path target, ArchiveLimits limits)
      throws IOException, MapFailure {
    List<ZipDirectory.Entry> entries = ZipDirectory.read(zip);
    checkEntries(entries, Files.size(zip), limits);
    String top = topLevelFolder(entries);
    long written = 0;
    Set<String> seen = new HashSet<>();
    try (ZipFile zipFile = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> all = zipFile.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        String name = entry.getName();
        checkPath(name);
        if (!seen.add(name.toLowerCase(Locale.ROOT))) {
          throw MapFailure.rejected("archive holds the entry '" + name + "' twice");
        }
        String relative =
            top.isEmpty() ? name : name.substring(Math.min(name.length(), top.length() + 1));
        if (relative.isEmpty()) {
          continue;
        }
        Path out = target.resolve(relative).normalize();
        if (!out.startsWith(target) || out.equals(target)) {
          throw MapFailure.rejected("archive entry '" + name + "' escapes the map folder");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        long declared = entry.getSize();
        long remaining = limits.maxUncompressedBytes() - written;
        written +=
            copy(zipFile, entry, out, declared < 0 ? remaining : Math.min(declared, remaining));
      }
    } catch (ZipException e) {
      throw MapFailure.rejected("archive is corrupt: " + e.getMessage());
    }
    return new Extracted(top, written);
  }

  private static long copy(ZipFile zipFile, ZipEntry entry, Path out, long maxBytes)
      throws IOException, MapFailure {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    try (InputStream in = zipFile.getInputStream(entry);
        FileOutputStream os = new FileOutputStream(out.toFile())) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw MapFailure.rejected(
              "zip bomb: entry '" + entry.getName() + "' expands beyond its declared size");
        }
        os.write(buffer, 0, n);
      }
    }
    return total;
  }

  private static void checkEntries(
      List<ZipDirectory.Entry> entries, long archiveBytes, ArchiveLimits limits) throws MapFailure {
    if (entries.stream().allMatch(ZipDirectory.Entry::isDirectory)) {
      throw MapFailure.rejected("archive is empty (no files)");
    }
    if (entries.size() > limits.maxEntries()) {
      throw MapFailure.rejected(
          "zip bomb: " + entries.size() + " entries, more than " + limits.maxEntries());
    }
    long total = 0;
    for (ZipDirectory.Entry entry : entries) {
      checkPath(entry.name());
      if (entry.symlink()) {
        throw MapFailure.rejected("archive entry '" + entry.name() + "' is a symbolic link");
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

  private static void checkPath(String name) throws MapFailure {
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      throw MapFailure.rejected("archive entry '" + name + "' has an absolute path");
    }
    if (name.contains("\\")) {
      throw MapFailure.rejected("archive entry '" + name + "' contains a backslash");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        throw MapFailure.rejected("archive entry '" + name + "' escapes the map folder (zip-slip)");
      }
      if (segment.chars().anyMatch(Character::isISOControl)) {
        throw MapFailure.rejected("archive entry '" + name + "' contains a control character");
      }
    }
  }

  /** The single top-level folder, or "" when the files lie at the archive's root. */
  private static String topLevelFolder(List<ZipDirectory.Entry> entries) throws MapFailure {
    Set<String> folders = new TreeSet<>();
    for (ZipDirectory.Entry entry : entries) {
      int slash = entry.name().indexOf('/');
      if (slash < 0) {
        return "";
      }
      folders.add(entry.name().substring(0, slash));
    }
    if (folders.size() != 1) {
      throw MapFailure.rejected(
          "archive holds " + folders.size() + " top-level folders " + folders + ", expected one");
    }
    return folders.iterator().next();
  }
}
