package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.fafbulk.FafException;
import org.fafbulk.download.FolderNames;

/**
 * The maps a URL file lists: archive URLs or bare folder names, one per line, {@code #} comments.
 * Needs no API credentials, since the content server needs none.
 */
public final class UrlFileTargets implements TargetSource {
  public static final String DEFAULT_CONTENT_URL = "https://content.faforever.com";

  private final List<MapTarget> targets;
  private final Iterator<MapTarget> iterator;

  private UrlFileTargets(List<MapTarget> targets) {
    this.targets = targets;
    this.iterator = targets.iterator();
  }

  /** Reads {@code file}; bare names become {@code <contentUrl>/maps/<name>.zip}. */
  public static UrlFileTargets read(Path file, String contentUrl, OptionalLong limit) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw FafException.usage("--url-file " + file + " does not exist");
    } catch (IOException e) {
      throw FafException.usage("cannot read --url-file " + file + ": " + e.getMessage());
    }
    Set<String> seen = new LinkedHashSet<>();
    List<MapTarget> targets = new ArrayList<>();
    String base =
        contentUrl.endsWith("/") ? contentUrl.substring(0, contentUrl.length() - 1) : contentUrl;
    for (String raw : lines) {
      String line = raw.strip();
      int comment = line.indexOf('#');
      if (comment >= 0) {
        line = line.substring(0, comment).strip();
      }
      if (line.isEmpty()) {
        continue;
      }
      boolean isUrl = line.contains("://");
      String folder = FolderNames.fromUrlOrName(line);
      String url = isUrl ? line : base + "/maps/" + line + ".zip";
      if (seen.add(folder) && targets.size() < limit.orElse(Long.MAX_VALUE)) {
        targets.add(new MapTarget(folder, folder, url, folder, Optional.empty()));
      }
    }
    return new UrlFileTargets(targets);
  }

  @Override
  public OptionalLong expected() {
    return OptionalLong.of(targets.size());
  }

  @Override
  public boolean hasNext() {
    return iterator.hasNext();
  }

  @Override
  public MapTarget next() {
    return iterator.next();
  }
}
