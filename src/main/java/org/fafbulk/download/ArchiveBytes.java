package org.fafbulk.download;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An archive's bytes read by position, the one way {@link ZipDirectory} and {@link EntryCopier}
 * read: from a file, or from the memory a small archive was downloaded into.
 */
interface ArchiveBytes extends Closeable {
  long size() throws IOException;

  /** Reads into {@code into} from {@code position}; -1 past the end, like a file channel. */
  int read(ByteBuffer into, long position) throws IOException;

  /** The bytes of {@code file}; close closes the file. */
  static ArchiveBytes open(Path file) throws IOException {
    return new InFile(FileChannel.open(file, StandardOpenOption.READ));
  }

  /** The bytes between position 0 and the limit of {@code memory}, which is not changed. */
  static ArchiveBytes of(ByteBuffer memory) {
    return new InMemory(memory.duplicate().position(0));
  }

  /** A file, read through its channel. */
  final class InFile implements ArchiveBytes {
    private final FileChannel channel;

    private InFile(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public int read(ByteBuffer into, long position) throws IOException {
      return channel.read(into, position);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** A buffer, from 0 to its limit. */
  final class InMemory implements ArchiveBytes {
    private final ByteBuffer bytes;

    private InMemory(ByteBuffer bytes) {
      this.bytes = bytes;
    }

    @Override
    public long size() {
      return bytes.limit();
    }

    @Override
    public int read(ByteBuffer into, long position) {
      if (position >= bytes.limit()) {
        return -1;
      }
      int n = (int) Math.min(into.remaining(), bytes.limit() - position);
      into.put(bytes.slice((int) position, n));
      return n;
    }

    @Override
    public void close() {}
  }
}
