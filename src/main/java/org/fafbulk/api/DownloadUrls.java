package org.fafbulk.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs a version's download URL around its folder name: FAF's URLs are one prefix, the folder name
 * and {@code .zip}, so a page of them keeps the prefix once and each URL as a short suffix, a third
 * of a 10,000-map page less. Any other URL, one past the few prefixes kept, or one whose prefix is
 * longer than any content host's, is packed whole, so every URL comes back exactly as it came and a
 * hostile page cannot pin long prefixes on the heap for its life.
 */
final class DownloadUrls {
  /** Prefixes kept at most: a server with more than a few content hosts gets no sharing. */
  private static final int MAX_PREFIXES = 16;

  /** Longest prefix kept: FAF's is some 35 chars. */
  static final int MAX_PREFIX_CHARS = 256;

  private final List<String> prefixes = new ArrayList<>();

  /** Writes {@code url} as the number of its prefix (0: none, the whole URL follows), the rest. */
  void pack(PackedBytes.Writer writer, String url, String folderName) {
    if (!folderName.isEmpty()) {
      for (int i = 0; i < prefixes.size(); i++) {
        String prefix = prefixes.get(i);
        if (url.startsWith(prefix) && url.startsWith(folderName, prefix.length())) {
          writer.number(i + 1).string(url.substring(prefix.length() + folderName.length()));
          return;
        }
      }
      int at = url.indexOf(folderName);
      if (at >= 0 && at <= MAX_PREFIX_CHARS && prefixes.size() < MAX_PREFIXES) {
        prefixes.add(url.substring(0, at));
        writer.number(prefixes.size()).string(url.substring(at + folderName.length()));
        return;
      }
    }
    writer.number(0).string(url);
  }

  /** Reads back what {@link #pack} wrote for a version with this folder name. */
  String unpack(PackedBytes.Reader reader, String folderName) {
    int prefix = reader.number();
    return prefix == 0 ? reader.string() : prefixes.get(prefix - 1) + folderName + reader.string();
  }
}
