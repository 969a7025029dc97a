package org.fafbulk.state;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A scratch file of records ({@code .faf-tmp-<label>*} beside the state it serves): each a tag
 * byte, a length and the bytes, appended through a small buffer and read back at an offset or in
 * order. It keeps what a long run would otherwise carry in its old generation (maps.json's waiting
 * records, a listed page's maps) off the heap; closing it deletes it, and the next run's clean-up
 * removes one a crash left. One thread owns an instance; after a failure it must not be used again.
 */
public final class ScratchFile implements AutoCloseable {
  private static final int BUFFER_BYTES = 8 * 1024;
  private static final int HEADER_BYTES = 5; // tag and length

  private final CollocatedTempFile file;
  private final FileChannel channel;
  private final ByteBuffer out = ByteBuffer.allocate(BUFFER_BYTES);
  private long flushed; // bytes in the file; those in out follow them

  /** A new empty scratch file {@code .faf-tmp-<label><random>.bin} in {@code dir}. */
  public ScratchFile(Path dir, String label) throws IOException {
    this.file = CollocatedTempFile.file(dir, label, ".bin");
    try {
      this.channel =
          FileChannel.open(file.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      file.close();
      throw e;
    }
  }

  /** Where the next record will start. */
  public long size() {
    return flushed + out.position();
  }

  /** Appends a record; returns its offset. */
  public long append(byte tag, byte[] bytes) throws IOException {
    long offset = size();
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
    return offset;
  }

  /** The bytes of the record at {@code offset}, which must be one {@link #append} returned. */
  public byte[] read(long offset) throws IOException {
    flushUpTo(offset + HEADER_BYTES);
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    readFully(header, offset);
    byte[] bytes = new byte[length(header.flip().position(1))];
    flushUpTo(offset + HEADER_BYTES + bytes.length);
    readFully(ByteBuffer.wrap(bytes), offset + HEADER_BYTES);
    return bytes;
  }

  /**
   * Reads the records from offset {@code from} to {@code to} in order, through a buffer of their
   * own; records appended meanwhile are past {@code to}.
   */
  public Records records(long from, long to) throws IOException {
    flush();
    return new Records(from, to);
  }

  /** Drops every record: the next one starts at offset 0, and the file gives its space back. */
  public void clear() {
    out.clear();
    flushed = 0;
    try {
      channel.truncate(0);
    } catch (IOException e) {
      // Only space is lost: records are read at the offsets appends return, never past them.
    }
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
    return file.path().toString();
  }

  /** A cursor over the records, each read whole. */
  public final class Records {
    private final ByteBuffer in = ByteBuffer.allocate(BUFFER_BYTES).limit(0);
    private long position; // of the first byte not yet in the buffer
    private final long end;
    private byte tag;
    private long offset = -1;

    private Records(long from, long to) {
      this.position = from;
      this.end = to;
    }

    public boolean hasNext() {
      return in.hasRemaining() || position < end;
    }

    /** The next record's bytes; {@link #tag} and {@link #offset} tell what and where it is. */
    public byte[] next() throws IOException {
      offset = position - in.remaining();
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
    }

    public byte tag() {
      return tag;
    }

    /** Where the record {@link #next} gave last starts, as {@link #append} returned it. */
    public long offset() {
      return offset;
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
        throw new EOFException("a record ends past the end of " + file.path());
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
        throw new EOFException("a record ends past the end of " + file.path());
      }
      at += n;
    }
  }
}
