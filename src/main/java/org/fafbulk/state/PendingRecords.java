package org.fafbulk.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.fafbulk.IdLongMap;

/**
 * The maps.json records changed since the file was last written, kept in a {@link ScratchFile}
 * beside it ({@code .faf-tmp-maps-pending-*}) rather than on the heap. A large maps.json is
 * rewritten only every few seconds (its {@link FlushSchedule}), and on a fast run ~12,000 records
 * waited in between: ~6 MB that grew the heap with the run. Memory now holds, per id, where its
 * latest record starts in the file, or that the id was forgotten. The file is scratch, never read
 * by a later run: a crash loses what it held exactly as it lost the records in memory, and the next
 * run's clean-up removes it. One thread owns an instance.
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

  private static final byte RECORD = 0; // the id's length in chars, its chars, the compact JSON

  private final Path dir;
  private final IdLongMap latest = new IdLongMap();
  private ScratchFile file; // created at the first put
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
    ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES + 2 * id.length() + record.length);
    bytes.putInt(id.length());
    for (int i = 0; i < id.length(); i++) {
      bytes.putChar(id.charAt(i)); // chars as they are: an id is compared exactly
    }
    bytes.put(record);
    try {
      if (file == null) {
        file = new ScratchFile(dir, "maps-pending-");
      }
      latest.put(id, file.append(RECORD, bytes.array()));
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
    requireComplete();
    try {
      byte[] bytes = file.read(offset);
      return Arrays.copyOfRange(bytes, jsonStart(bytes), bytes.length);
    } catch (IOException e) {
      failure = e; // what the file holds can no longer be told
      throw e;
    }
  }

  /** Hands every id's latest record to {@code consumer}, in the order they were put. */
  void forEachLatest(RecordConsumer consumer) throws IOException {
    requireComplete();
    if (file == null) {
      return;
    }
    ScratchFile.Records records;
    try {
      records = file.records(0, file.size());
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    while (records.hasNext()) {
      byte[] bytes;
      try {
        bytes = records.next();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      ByteBuffer in = ByteBuffer.wrap(bytes);
      char[] id = new char[in.getInt()];
      for (int i = 0; i < id.length; i++) {
        id[i] = in.getChar();
      }
      String key = new String(id);
      if (state(key) == records.offset()) {
        consumer.accept(key, Arrays.copyOfRange(bytes, jsonStart(bytes), bytes.length));
      }
    }
  }

  /** Forgets everything: maps.json now holds it. */
  void clear() {
    latest.clear();
    if (file != null) {
      file.clear();
    }
  }

  /** Closes and deletes the file. */
  @Override
  public void close() {
    if (file != null) {
      file.close();
    }
  }

  private static int jsonStart(byte[] record) {
    return Integer.BYTES + 2 * ByteBuffer.wrap(record).getInt();
  }
}
