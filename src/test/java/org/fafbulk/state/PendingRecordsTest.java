package org.fafbulk.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fafbulk.testing.SmallTmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingRecordsTest {
  @TempDir Path dir;

  @Test
  void givesEachIdsLatestRecordInTheOrderTheyWerePut() throws IOException {
    try (PendingRecords pending = new PendingRecords(dir)) {
      pending.put("1", bytes("one"));
      pending.put("2", bytes("two"));
      pending.put("1", bytes("one again"));
      pending.put("3", bytes("three"));
      pending.forget("3");

      assertThat(latest(pending)).containsExactly("2=two", "1=one again");
      assertThat(text(pending.read(pending.state("1")))).isEqualTo("one again");
      assertThat(pending.state("3")).isEqualTo(PendingRecords.FORGOTTEN);
      assertThat(pending.state("4")).isEqualTo(PendingRecords.NONE);
    }
  }

  @Test
  void keepsRecordsInAFileNotInMemoryAndDeletesItWhenClosed() throws IOException {
    PendingRecords pending = new PendingRecords(dir);
    byte[] record = new byte[1_000];
    for (int i = 0; i < 1_000; i++) { // 1 MB, far past the 8 KiB buffer
      pending.put(Integer.toString(i), record);
    }

    List<Path> scratch = scratchFiles();
    assertThat(scratch).hasSize(1);
    assertThat(scratch.get(0).getFileName().toString()).startsWith(".faf-tmp-maps-pending-");
    assertThat(Files.size(scratch.get(0))).isGreaterThan(900_000);
    assertThat(latest(pending)).hasSize(1_000);
    pending.close();
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void keepsIdsAndRecordsExactlyAndRecordsLargerThanItsBuffer() throws IOException {
    String odd = "id \uD800 \u0000 é 地图";
    byte[] large = new byte[200_000];
    large[0] = 1;
    large[large.length - 1] = 2;
    try (PendingRecords pending = new PendingRecords(dir)) {
      pending.put("small", bytes("before"));
      pending.put(odd, large);
      pending.put("after", bytes("after"));

      assertThat(pending.read(pending.state(odd))).isEqualTo(large);
      List<String> ids = new ArrayList<>();
      pending.forEachLatest((id, record) -> ids.add(id));
      assertThat(ids).containsExactly("small", odd, "after");
      assertThat(text(pending.read(pending.state("after")))).isEqualTo("after");
    }
  }

  @Test
  void startsAfreshWhenClearedAndNeverReadsWhatWasThereBefore() throws IOException {
    try (PendingRecords pending = new PendingRecords(dir)) {
      for (int i = 0; i < 100; i++) {
        pending.put(Integer.toString(i), bytes("first batch " + i));
      }
      assertThat(latest(pending)).hasSize(100);
      pending.clear();

      assertThat(pending.state("5")).isEqualTo(PendingRecords.NONE);
      assertThat(Files.size(scratchFiles().get(0))).isZero();
      pending.put("7", bytes("second"));
      assertThat(latest(pending)).containsExactly("7=second");
    }
  }

  @Test
  void aRecordThatCannotBeKeptFailsEveryLaterWrite() throws IOException {
    Path gone = dir.resolve("gone");
    try (PendingRecords pending = new PendingRecords(gone)) {
      pending.put("1", new byte[100_000]); // past the buffer: written at once, and fails

      assertThatThrownBy(pending::requireComplete)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot keep maps.json's pending records in " + gone);
      pending.put("2", bytes("later"));
      assertThatThrownBy(() -> pending.forEachLatest((id, record) -> {}))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(pending::requireComplete).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aFullDiskFailsTheNextWriteOfMapsJsonWithTheReason() throws Exception {
    try (SmallTmpfs tiny = SmallTmpfs.mount(dir.resolve("tiny"), "64k");
        PendingRecords pending = new PendingRecords(tiny.path())) {
      for (int i = 0; i < 1_000; i++) { // 1 MB into 64 KB
        pending.put(Integer.toString(i), new byte[1_000]);
      }

      assertThatThrownBy(pending::requireComplete)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot keep maps.json's pending records in " + tiny.path())
          .hasMessageContaining("No space left on device");
    }
  }

  private static List<String> latest(PendingRecords pending) throws IOException {
    List<String> out = new ArrayList<>();
    pending.forEachLatest((id, record) -> out.add(id + "=" + text(record)));
    return out;
  }

  private List<Path> scratchFiles() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }
}
