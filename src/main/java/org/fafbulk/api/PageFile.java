package org.fafbulk.api;

import java.io.IOException;
import java.nio.file.Path;
import org.fafbulk.Errors;
import org.fafbulk.FafException;
import org.fafbulk.state.ScratchFile;

/**
 * A listed page's {@link ScratchFile}, {@code .faf-tmp-page*} in the directory it is given, where
 * any I/O failure (a full disk, say) ends the listing with a one-line error naming the directory,
 * as a retry would meet the same disk.
 */
final class PageFile implements AutoCloseable {
  private final Path dir;
  private final ScratchFile file;

  PageFile(Path dir) {
    this.dir = dir;
    try {
      this.file = new ScratchFile(dir, "page");
    } catch (IOException e) {
      throw failed("create", e);
    }
  }

  /** Where the next record will start. */
  long size() {
    return file.size();
  }

  /** Appends a record; returns its offset. */
  long append(byte tag, byte[] bytes) {
    try {
      return file.append(tag, bytes);
    } catch (IOException e) {
      throw failed("write", e);
    }
  }

  /** The bytes of the record at {@code offset}, which must be one {@link #append} returned. */
  byte[] read(long offset) {
    try {
      return file.read(offset);
    } catch (IOException e) {
      throw failed("read", e);
    }
  }

  /**
   * Reads the records from offset {@code from} to {@code to} in order, through a buffer of their
   * own; records appended meanwhile are past {@code to}.
   */
  Records records(long from, long to) {
    try {
      return new Records(file.records(from, to));
    } catch (IOException e) {
      throw failed("write", e);
    }
  }

  /** Deletes the file; a file that cannot be deleted is removed by the next run's clean-up. */
  @Override
  public void close() {
    file.close();
  }

  @Override
  public String toString() {
    return file.toString();
  }

  /** A cursor over the records, each read whole. */
  final class Records {
    private final ScratchFile.Records records;

    private Records(ScratchFile.Records records) {
      this.records = records;
    }

    boolean hasNext() {
      return records.hasNext();
    }

    /** The next record's bytes; {@link #tag} tells what it is. */
    byte[] next() {
      try {
        return records.next();
      } catch (IOException e) {
        throw failed("read", e);
      }
    }

    byte tag() {
      return records.tag();
    }
  }

  private FafException failed(String verb, IOException e) {
    return FafException.fatal(
        "cannot "
            + verb
            + " the scratch file of a listed page in "
            + dir
            + " ("
            + Errors.describe(e)
            + "); free some space there or fix its permissions, then run again");
  }
}
