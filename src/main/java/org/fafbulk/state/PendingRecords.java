package org.fafbulk.state;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.fafbulk.IdMap;

/**
 * The maps.json records changed since the file was last written, kept in a temporary file beside it
 * ({@code .faf-tmp-maps-pending-*}) rather than on the heap. A large maps.json is rewritten only
 * every few seconds (its {@link FlushSchedule}), and on a fast run ~12,000 records waited in
 * between: ~6 MB that grew the heap with the run. Memory now holds, per id, where its latest record
 * starts in the file, or that the id was forgotten. The file is scratch, never read by a later run:
 * a crash loses what it held exactly as it lost the records in memory, and the next run's clean-up
 * removes it. One thread owns an instance.
 */
final class PendingRecords implements AutoCloseable {
  /** Receives a pending record: its id and its compact JSON. */
  @FunctionalInterface
  interface RecordConsumer {
    void accept(String id, byte[] record) throws IOException;
  }

  /** Where {@link #state} stands for an id that has no record here. */
  static final long NONE = -1;

  /** Where {@link #state} stands for an id whose record must be dropped from the file. */
  static final long FORGOTTEN = Long.MAX_VALUE;

  private static final int BUFFER_BYTES = 64 * 1024;
  private static final int HEADER_BYTES = 8; // the record's length, then the id's length in chars

  private final Path dir;
  private final IdMap<Long> latest = new IdMap<>();
  private final ByteBuffer appends = ByteBuffer.allocate(BUFFER_BYTES);
  private CollocatedTempFile file; // created at the first put
  private FileChannel channel;
  private long flushed; // bytes of records in the file; those in appends follow
  private IOException failure;

  /** Pending records for the maps.json in {@code dir}, in a file there once there is one. */
  PendingRecords(Path dir) {
    this.dir = dir;
  }

  /**
   * Keeps {@code record} as the latest for {@code id}. When it cannot be kept (say, the disk is
   * full), every later {@link #requireComplete()} throws.
   */
  void put(String id, byte[] record) {
    if (failure != null) {
      return; // requireComplete says so
    }
    try {
      long offset = flushed + appends.position();
      ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + 2 * id.length() + record.length);
      frame.putInt(record.length).putInt(id.length());
      for (int i = 0; i < id.length(); i++) {
        frame.putChar(id.charAt(i)); // chars as they are: an id is compared exactly
      }
      frame.put(record).flip();
      append(frame);
      latest.put(id, offset);
    } catch (IOException e) {
      failure = e; // put never throws: the next write of maps.json does
    }
  }

  /** Drops whatever is pending for {@code id} and marks it to be dropped from the file. */
  void forget(String id) {
    latest.put(id, FORGOTTEN);
  }

  /** {@link #NONE}, {@link #FORGOTTEN}, or where {@code id}'s latest record starts. */
  long state(String id) {
    return latest.get(id).orElse(NONE);
  }

  /**
   * Throws why a record could not be kept, once one could not: the pending changes are then
   * incomplete, and maps.json must not be written as if they were not.
   */
  void requireComplete() throws IOException {
    if (failure != null) {
      throw new IOException(
          "cannot keep maps.json's pending records in "
              + dir
              + " ("
              + failure.getMessage()
              + "); the next run describes the maps they were for again",
          failure);
    }
  }

  /** The record that starts at {@code offset}, as {@link #state} gave it. */
  byte[] read(long offset) throws IOException {
    drain();
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    readFully(header, offset);
    int recordLength = header.getInt(0);
    int idChars = header.getInt(4);
    ByteBuffer record = ByteBuffer.allocate(recordLength);
    readFully(record, offset + HEADER_BYTES + 2L * idChars);
    return record.array();
  }

  /** Hands every id's latest record to {@code consumer}, in the order they were put. */
  void forEachLatest(RecordConsumer consumer) throws IOException {
    drain();
    if (channel == null) {
      return;
    }
    DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(Channels.newInputStream(channel.position(0)), BUFFER_BYTES));
    long offset = 0;
    while (offset < flushed) {
      int recordLength = in.readInt();
      char[] id = new char[in.readInt()];
      for (int i = 0; i < id.length; i++) {
        id[i] = in.readChar();
      }
      byte[] record = new byte[recordLength];
      in.readFully(record);
      String key = new String(id);
      if (state(key) == offset) {
        consumer.accept(key, record);
      }
      offset += HEADER_BYTES + 2L * id.length + recordLength;
    }
  }

  /** Forgets everything: maps.json now holds it. */
  void clear() {
    latest.clear();
    appends.clear();
    flushed = 0;
    if (channel != null) {
      try {
        channel.truncate(0); // gives the space back; the next records overwrite it anyway
      } catch (IOException e) {
        // Only space is lost: records are read up to flushed, never past it.
      }
    }
  }

  /** Closes and deletes the file. */
  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // The file is deleted below, or by the next run's clean-up.
    } finally {
      if (file != null) {
        file.close();
      }
    }
  }

  private void append(ByteBuffer frame) throws IOException {
    if (frame.remaining() > appends.remaining()) {
      drain();
    }
    if (frame.remaining() > appends.remaining()) {
      write(frame); // larger than the whole buffer
    } else {
      appends.put(frame);
    }
  }

  /** Moves what waits in the buffer to the file. */
  private void drain() throws IOException {
    requireComplete();
    if (appends.position() == 0) {
      return;
    }
    appends.flip();
    try {
      write(appends);
    } finally {
      appends.clear();
    }
  }

  /** Writes at the end of the file; a failure is for good, since what was lost cannot be told. */
  private void write(ByteBuffer bytes) throws IOException {
    try {
      writeOrThrow(bytes);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  private void writeOrThrow(ByteBuffer bytes) throws IOException {
    if (channel == null) {
      file = CollocatedTempFile.file(dir, "maps-pending-", ".bin");
      channel = FileChannel.open(file.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    while (bytes.hasRemaining()) {
      flushed += channel.write(bytes, flushed);
    }
  }

  private void readFully(ByteBuffer into, long position) throws IOException {
    while (into.hasRemaining()) {
      if (channel.read(into, position + into.position()) < 0) {
        throw new EOFException("a pending maps.json record ends early in " + file.path());
      }
    }
  }
}
