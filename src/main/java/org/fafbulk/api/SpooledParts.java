package org.fafbulk.api;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.fafbulk.IdLongMap;
import org.fafbulk.IdMap;

/**
 * A page's parts in a {@link PageFile} in the order they come, with only an index of the versions'
 * offsets on the heap (~0.25 MB for 10,000 versions). The join appends each map, its version and
 * its author's login to the same file, in data order, so that once the page is read nothing but the
 * file and a read buffer is left of it: a page that waits to be consumed costs no heap. A version
 * (or a long login) is joined whole once; the maps after that share it name its joined copy by
 * offset, so a page whose maps all name one huge version cannot make the file outgrow the response.
 */
final class SpooledParts implements PageParts {
  private static final byte MAP = 1;
  private static final byte VERSION = 2;
  private static final byte AUTHOR = 3;

  /** A record that holds the offset of an earlier one, joined whole, that it stands for. */
  private static final byte SAME_AS = 4;

  /** Longest author part joined again for each map: a {@link #SAME_AS} would be no shorter. */
  private static final int MAX_REPEATED_AUTHOR_BYTES = Long.BYTES;

  private final PageFile file;
  private final IdLongMap versions = new IdLongMap(); // id -> offset of its part in file

  SpooledParts(Path dir) {
    this.file = new PageFile(dir);
  }

  @Override
  public void addMap(byte[] map) {
    file.append(MAP, map);
  }

  @Override
  public void putVersion(String id, byte[] version) {
    versions.put(id, file.append(VERSION, version));
  }

  @Override
  public ListedMaps join(DownloadUrls urls, IdMap<Optional<String>> logins) {
    try {
      long read = file.size();
      PageFile.Records parts = file.records(0, read);
      PackedBytes.Writer writer = new PackedBytes.Writer();
      IdLongMap joinedVersions = new IdLongMap(); // id -> offset of its joined copy
      IdLongMap joinedAuthors = new IdLongMap();
      int count = 0;
      while (parts.hasNext()) {
        byte[] map = parts.next();
        if (parts.tag() != MAP) {
          continue;
        }
        String versionId = PackedMaps.latestVersionId(map);
        OptionalLong version = versions.get(versionId);
        if (version.isPresent()) {
          String authorId = PackedMaps.authorId(map);
          Optional<String> author = logins.get(authorId).orElse(Optional.empty());
          file.append(MAP, map);
          OptionalLong joinedVersion = joinedVersions.get(versionId);
          if (joinedVersion.isPresent()) {
            file.append(SAME_AS, offset(joinedVersion.getAsLong()));
          } else {
            joinedVersions.put(versionId, file.append(VERSION, file.read(version.getAsLong())));
          }
          byte[] packedAuthor = packAuthor(writer, author);
          OptionalLong joinedAuthor = joinedAuthors.get(authorId);
          if (packedAuthor.length <= MAX_REPEATED_AUTHOR_BYTES) {
            file.append(AUTHOR, packedAuthor);
          } else if (joinedAuthor.isPresent()) {
            file.append(SAME_AS, offset(joinedAuthor.getAsLong()));
          } else {
            joinedAuthors.put(authorId, file.append(AUTHOR, packedAuthor));
          }
          count++;
        }
      }
      return new SpooledMaps(file, read, count, urls);
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }

  @Override
  public void discard() {
    file.close();
  }

  private static byte[] offset(long offset) {
    return ByteBuffer.allocate(Long.BYTES).putLong(offset).array();
  }

  /** The bytes a joined record stands for: its own, or those of the record it names. */
  static byte[] resolve(PageFile file, byte tag, byte[] record) {
    return tag == SAME_AS ? file.read(ByteBuffer.wrap(record).getLong()) : record;
  }

  private static byte[] packAuthor(PackedBytes.Writer writer, Optional<String> author) {
    writer.number(author.isPresent() ? 1 : 0);
    author.ifPresent(writer::string);
    return writer.take();
  }

  static Optional<String> unpackAuthor(byte[] author) {
    PackedBytes.Reader reader = new PackedBytes.Reader(author);
    return reader.number() == 1 ? Optional.of(reader.string()) : Optional.empty();
  }
}
