package org.fafbulk.api;

import java.util.Optional;
import org.fafbulk.IdMap;

/**
 * Where {@link MapPageBuilder} keeps a page's packed parts while it reads it, and how it joins them
 * once the whole page is read: on the heap ({@link HeapParts}) or in a scratch file ({@link
 * SpooledParts}).
 */
interface PageParts {
  /** A map part ({@link PackedMaps#packMap}), in data order. */
  void addMap(byte[] map);

  /** A version part ({@link PackedMaps#packVersion}); the last one with an id wins. */
  void putVersion(String id, byte[] version);

  /**
   * The maps, in data order, each with the version it names and its author's login; a map whose
   * version is not on the page is left out (it has nothing to download).
   */
  ListedMaps join(DownloadUrls urls, IdMap<Optional<String>> logins);

  /** The page could not be read whole: gives back what was kept. */
  void discard();
}
