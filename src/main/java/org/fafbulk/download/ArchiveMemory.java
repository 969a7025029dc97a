package org.fafbulk.download;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One reusable buffer per downloading thread for archives up to a bound. Most of the vault's
 * archives are small, and held in memory they never reach the disk: in a temporary file beside the
 * maps, each was written out by whichever batch's syncfs met it, doubling what a run writes on the
 * incompressible benchmark corpus (bench/README.md). A thread's buffer is direct, so that it stays
 * out of the heap the collector sizes; it starts at {@link #FIRST} and grows once, to the bound,
 * when a larger archive first comes: a thread never holds more than the bound plus {@link #FIRST},
 * the outgrown buffer, until the collector frees it. A buffer is confined to its thread.
 */
final class ArchiveMemory {
  /** A thread's first buffer: most of what the scale benchmark and small maps need. */
  static final int FIRST = 256 * 1024;

  private final int maxArchiveBytes;
  private final ThreadLocal<Slot> slots = ThreadLocal.withInitial(Slot::new);

  /** Holds archives of at most {@code maxArchiveBytes}; 0 keeps every archive on disk. */
  ArchiveMemory(int maxArchiveBytes) {
    if (maxArchiveBytes < 0) {
      throw new IllegalArgumentException("maxArchiveBytes < 0: " + maxArchiveBytes);
    }
    this.maxArchiveBytes = maxArchiveBytes;
  }

  /**
   * The calling thread's buffer with its limit at {@code size}, or empty when an archive of that
   * size belongs on disk. The caller closes the lease on this thread once the archive is read; a
   * thread holds one lease at a time.
   */
  Optional<Lease> lease(long size) {
    if (size <= 0 || size > maxArchiveBytes) {
      return Optional.empty();
    }
    Slot slot = slots.get();
    if (slot.leased) {
      throw new IllegalStateException("this thread's archive buffer is still in use");
    }
    if (slot.buffer == null || slot.buffer.capacity() < size) {
      slot.buffer =
          ByteBuffer.allocateDirect(
              size <= FIRST ? Math.min(FIRST, maxArchiveBytes) : maxArchiveBytes);
    }
    slot.leased = true;
    return Optional.of(new Lease(slot.buffer.clear().limit((int) size), slot));
  }

  /** A thread's buffer and whether an archive still occupies it. */
  private static final class Slot {
    ByteBuffer buffer;
    boolean leased;
  }

  /** The use of a buffer by one archive; closing it lets the thread's next archive reuse it. */
  static final class Lease implements AutoCloseable {
    private final ByteBuffer buffer;
    private final Thread owner = Thread.currentThread();
    private Slot slot;

    private Lease(ByteBuffer buffer, Slot slot) {
      this.buffer = buffer;
      this.slot = slot;
    }

    /** The buffer, for as long as the lease is open; only on the thread that took it. */
    ByteBuffer buffer() {
      checkOwner();
      if (slot == null) {
        throw new IllegalStateException("archive buffer used after it was released");
      }
      return buffer;
    }

    @Override
    public void close() {
      checkOwner();
      if (slot != null) {
        slot.leased = false;
        slot = null;
      }
    }

    private void checkOwner() {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException(
            "wrong caller thread: "
                + Thread.currentThread().getName()
                + ", not "
                + owner.getName());
      }
    }
  }
}
