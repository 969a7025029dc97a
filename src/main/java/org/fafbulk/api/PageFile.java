package org.fafbulk.api;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.fafbulk.Errors;
import org.fafbulk.FafException;
import org.fafbulk.state.CollocatedTempFile;

/**
 * A listed page's scratch file, {@code .faf-tmp-page*} in the directory it is given: records (a tag
 * byte, a length, the bytes) appended through a small buffer, read back at an offset or in order.
 * It keeps a page's packed maps off the heap, where a long run would carry them into the old
 * generation; closing it deletes it. Any I/O failure (a full disk, say) ends the listing with a
 * one-line error naming the directory, as a retry would meet the same disk.
 */
final class PageFile implements AutoCloseable {
  private static final int BUFFER_BYTES = 8 * 1024;
  private static final int HEADER_BYTES = 5; // tag and length

  private final Path dir;
  private final CollocatedTempFile file;
  private final FileChannel channel;
  private final ByteBuffer out = ByteBuffer.allocate(BUFFER_BYTES);
  private long flushed; // bytes in the file; those in out follow them

  PageFile(Path dir) {
    this.dir = dir;
    try {
      this.file = CollocatedTempFile.file(dir, "page", ".bin");
    } catch (IOException e) {
      throw failed("create", e);
    }
    try {
      this.channel =
          FileChannel.open(file.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      file.close();
      throw failed("open", e);
    }
  }

  /** Where the next record will start. */
  long size() {
    return flushed + out.position();
  }

  /** Appends a record; returns its offset. */
  long append(byte tag, byte[] bytes) {
    long offset = size();
    try {
      if (out.remaining() < HEADER_BYTES + bytes.length) {
        flush();
      }
      out.put(tag).putInt(bytes.length);
      if (bytes.length <= out.remaining()) {
        out.put(bytes);
      } else {
        flush(); // a record longer than the buffer goes straight to the file
        writeFully(ByteBuffer.wrap(bytes));
      }
    } catch (IOException e) {
      throw failed("write", e);
    }
    return offset;
  }

  /** The bytes of the record at {@code offset}, which must be one {@link #append} returned. */
  byte[] read(long offset) {
    try {
      flushUpTo(offset + HEADER_BYTES);
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      readFully(header, offset);
      byte[] bytes = new byte[length(header.flip().position(1))];
      flushUpTo(offset + HEADER_BYTES + bytes.length);
      readFully(ByteBuffer.wrap(bytes), offset + HEADER_BYTES);
      return bytes;
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
      flush();
    } catch (IOException e) {
      throw failed("write", e);
    }
    return new Records(from, to);
  }

  /** Deletes the file; a file that cannot be deleted is removed by the next run's clean-up. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // the file is deleted next, whatever it holds
    }
    file.close();
  }

  @Override
  public String toString() {
    return file.toString();
  }

  /** A cursor over the records, each read whole. */
  final class Records {
    private final ByteBuffer in = ByteBuffer.allocate(BUFFER_BYTES).limit(0);
    private long position; // of the first byte not yet in the buffer
    private final long end;
    private byte tag;

    private Records(long from, long to) {
      this.position = from;
      this.end = to;
    }

    boolean hasNext() {
      return in.hasRemaining() || position < end;
    }

    /** The next record's bytes; {@link #tag} tells what it is. */
    byte[] next() {
      try {
        fill(HEADER_BYTES);
        tag = in.get();
        byte[] bytes = new byte[length(in)];
        int buffered = Math.min(bytes.length, in.remaining());
        in.get(bytes, 0, buffered);
        if (buffered < bytes.length) {
          ByteBuffer rest = ByteBuffer.wrap(bytes, buffered, bytes.length - buffered);
          readFully(rest, position);
          position += bytes.length - buffered;
        }
        return bytes;
      } catch (IOException e) {
        throw failed("read", e);
      }
    }

    byte tag() {
      return tag;
    }

    private void fill(int bytes) throws IOException {
      if (in.remaining() >= bytes) {
        return;
      }
      in.compact();
      in.limit((int) Math.min(in.capacity(), in.position() + (end - position)));
      int start = in.position();
      readFully(in, position);
      position += in.position() - start;
      in.flip();
      if (in.remaining() < bytes) {
        throw new EOFException("a record ends past the end of the file");
      }
    }
  }

  private static int length(ByteBuffer header) throws IOException {
    int length = header.getInt();
    if (length < 0) {
      throw new IOException("a record of negative length " + length);
    }
    return length;
  }

  /** Writes out the buffer if the bytes before {@code end} are not all in the file yet. */
  private void flushUpTo(long end) throws IOException {
    if (end > flushed) {
      flush();
    }
  }

  private void flush() throws IOException {
    out.flip();
    writeFully(out);
    out.clear();
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      flushed += channel.write(bytes, flushed);
    }
  }

  private void readFully(ByteBuffer into, long offset) throws IOException {
    long at = offset;
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) {
        throw new EOFException("a record ends past the end of the file");
      }
      at += n;
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
