package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
    assertThat(memory.lease(0)).isEmpty();
    assertThat(memory.lease(-1)).isEmpty();
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
  void aThreadHoldsOneLeaseAtATime() {
    try (ArchiveMemory.Lease held = memory.lease(4).orElseThrow()) {
      assertThatThrownBy(() -> memory.lease(4))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("still in use");
      assertThat(held.buffer().limit()).isEqualTo(4);
    }
  }

  @Test
  void aLeaseIsUsableOnlyOnItsThreadAndUntilClosed() throws Exception {
    ArchiveMemory.Lease lease = memory.lease(4).orElseThrow();
    Throwable[] seen = new Throwable[1];
    Thread other = new Thread(() -> seen[0] = catchThrowable(lease::buffer));
    other.start();
    other.join();
    assertThat(seen[0])
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("wrong caller thread");

    lease.close();
    assertThatThrownBy(lease::buffer).hasMessageContaining("used after it was released");
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
  void aThreadsBufferStartsSmallAndGrowsOnceToTheBound() {
    try (ArchiveMemory.Lease small = memory.lease(10).orElseThrow()) {
      assertThat(small.buffer().capacity()).isEqualTo(ArchiveMemory.FIRST);
    }
    try (ArchiveMemory.Lease larger = memory.lease(ArchiveMemory.FIRST + 1).orElseThrow()) {
      assertThat(larger.buffer().capacity()).isEqualTo(1 << 20);
      assertThat(larger.buffer().limit()).isEqualTo(ArchiveMemory.FIRST + 1);
    }
    try (ArchiveMemory.Lease largest = memory.lease(1 << 20).orElseThrow()) {
      assertThat(largest.buffer().capacity()).isEqualTo(1 << 20);
    }
  }
}
