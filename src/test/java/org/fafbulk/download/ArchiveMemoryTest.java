package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ArchiveMemoryTest {
  private final ArchiveMemory memory = new ArchiveMemory(1 << 20);

  @Test
  void leasesABufferOfExactlyTheSizeAsked() {
    try (ArchiveMemory.Lease lease = memory.lease(1000).orElseThrow()) {
      assertThat(lease.buffer().position()).isZero();
      assertThat(lease.buffer().limit()).isEqualTo(1000);
    }
  }

  @Test
  void refusesWhatIsOverTheBound() {
    assertThat(memory.lease((1 << 20) + 1)).isEmpty();
    assertThat(new ArchiveMemory(0).lease(1)).isEmpty();
  }

  @Test
  void aThreadReusesItsBufferOnceTheLastArchiveIsClosed() {
    ByteBuffer first;
    try (ArchiveMemory.Lease lease = memory.lease(1000).orElseThrow()) {
      first = lease.buffer();
    }
    try (ArchiveMemory.Lease lease = memory.lease(2000).orElseThrow()) {
      assertThat(lease.buffer()).isSameAs(first);
      assertThat(lease.buffer().limit()).isEqualTo(2000);
    }
  }

  @Test
  void anArchiveStillOpenKeepsItsBytesWhenTheSameThreadFetchesAnother() {
    try (ArchiveMemory.Lease held = memory.lease(4).orElseThrow()) {
      held.buffer().put(new byte[] {'P', 'K', 3, 4}).flip();
      try (ArchiveMemory.Lease next = memory.lease(4).orElseThrow()) {
        assertThat(next.buffer()).isNotSameAs(held.buffer());
        next.buffer().put(new byte[] {9, 9, 9, 9});
      }
      assertThat(held.buffer().get(0)).isEqualTo((byte) 'P');
      assertThat(held.buffer().get(3)).isEqualTo((byte) 4);
    }
  }

  @Test
  void threadsDoNotShareBuffers() throws Exception {
    ByteBuffer[] seen = new ByteBuffer[2];
    try (ArchiveMemory.Lease mine = memory.lease(10).orElseThrow()) {
      seen[0] = mine.buffer();
    }
    Thread other =
        new Thread(
            () -> {
              try (ArchiveMemory.Lease theirs = memory.lease(10).orElseThrow()) {
                seen[1] = theirs.buffer();
              }
            });
    other.start();
    other.join();
    assertThat(seen[1]).isNotNull().isNotSameAs(seen[0]);
  }

  @Test
  void growsAThreadsBufferWhenALargerArchiveComes() {
    try (ArchiveMemory.Lease small = memory.lease(10).orElseThrow()) {
      assertThat(small.buffer().capacity()).isLessThan(1 << 20);
    }
    try (ArchiveMemory.Lease large = memory.lease(1 << 20).orElseThrow()) {
      assertThat(large.buffer().capacity()).isEqualTo(1 << 20);
      assertThat(large.buffer().limit()).isEqualTo(1 << 20);
    }
  }
}
