package org.fafbulk.download;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One reusable buffer per downloading thread for archives up to a bound. Most of the vault's
 * archives are small, and held in memory they never reach the disk: in a temporary file beside the
 * maps, each was written out by whichever batch's syncfs met it, doubling what a run writes on the
 * incompressible benchmark corpus (bench/README.md). The buffers are direct, grown to what their
 * thread has needed and then kept: no garbage per archive, and only pages once used are resident.
 */
final class ArchiveMemory {
  /** Buffers grow in steps of this, so that a thread replaces its buffer only a few times. */
  private static final int STEP = 256 * 1024;

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
   * A buffer whose limit is {@code size} for the calling thread, or empty when an archive of that
   * size belongs on disk. The caller closes the lease once the archive is read.
   */
  Optional<Lease> lease(long size) {
    if (size > maxArchiveBytes || size < 0) {
      return Optional.empty();
    }
    Slot slot = slots.get();
    if (slot.leased) {
      // This thread still holds an archive it fetched before: the new one gets a buffer of its own.
      return Optional.of(new Lease(ByteBuffer.allocate((int) size), null));
    }
    if (slot.buffer == null || slot.buffer.capacity() < size) {
      slot.buffer = ByteBuffer.allocateDirect((int) Math.min(roundUp(size), maxArchiveBytes));
    }
    slot.leased = true;
    return Optional.of(new Lease(slot.buffer.clear().limit((int) size), slot));
  }

  private static long roundUp(long size) {
    return Math.max(STEP, (size + STEP - 1) / STEP * STEP);
  }

  /** A thread's buffer and whether an archive still occupies it. */
  private static final class Slot {
    ByteBuffer buffer;
    boolean leased;
  }

  /** The use of a buffer by one archive; closing it lets the thread's next archive reuse it. */
  static final class Lease implements AutoCloseable {
    private final ByteBuffer buffer;
    private Slot slot;

    private Lease(ByteBuffer buffer, Slot slot) {
      this.buffer = buffer;
      this.slot = slot;
    }

    ByteBuffer buffer() {
      return buffer;
    }

    @Override
    public void close() {
      if (slot != null) {
        slot.leased = false;
        slot = null;
      }
    }
  }
}
