package org.fafbulk.api;

import java.util.NoSuchElementException;

/**
 * The maps of a page joined in a {@link PageFile} (by {@link SpooledParts}), read in order through
 * a small buffer as they are taken; the file is deleted once the last is taken, or on close.
 */
final class SpooledMaps implements ListedMaps {
  private final PageFile file;
  private final PageFile.Records records;
  private final DownloadUrls urls;
  private int left;

  /** The {@code count} maps joined in {@code file} from offset {@code from} on. */
  SpooledMaps(PageFile file, long from, int count, DownloadUrls urls) {
    this.file = file;
    this.records = file.records(from, file.size());
    this.urls = urls;
    this.left = count;
    if (count == 0) {
      file.close();
    }
  }

  @Override
  public boolean isEmpty() {
    return left == 0;
  }

  @Override
  public FafMap removeFirst() {
    if (isEmpty()) {
      throw new NoSuchElementException();
    }
    byte[] map = records.next();
    byte[] version = next();
    byte[] author = next();
    if (--left == 0) {
      file.close();
    }
    return PackedMaps.unpack(map, version, SpooledParts.unpackAuthor(author), urls);
  }

  /** The next record's bytes, or those of the joined copy it names. */
  private byte[] next() {
    byte[] record = records.next();
    return SpooledParts.resolve(file, records.tag(), record);
  }

  @Override
  public void close() {
    left = 0;
    file.close();
  }
}
