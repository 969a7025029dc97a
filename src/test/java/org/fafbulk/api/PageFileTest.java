package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.testing.SmallTmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageFileTest {
  @TempDir Path dir;

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Test
  void recordsComeBackAtTheirOffsetsAndInOrderWhateverTheirSizeAgainstTheBuffer()
      throws IOException {
    Random random = new Random(7);
    List<byte[]> records = new ArrayList<>();
    for (int size : new int[] {0, 1, 8_186, 8_187, 8_192, 20_000, 3}) {
      records.add(bytes(random, size));
    }
    for (int i = 0; i < 2_000; i++) {
      records.add(bytes(random, random.nextInt(i % 50 == 0 ? 30_000 : 60)));
    }
    try (PageFile file = new PageFile(dir)) {
      List<Long> offsets = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        offsets.add(file.append((byte) (i % 3), records.get(i)));
        int earlier = random.nextInt(i + 1); // read while later records are still buffered
        assertThat(file.read(offsets.get(earlier))).isEqualTo(records.get(earlier));
      }
      PageFile.Records inOrder = file.records(offsets.get(2), file.size());
      for (int i = 2; i < records.size(); i++) {
        assertThat(inOrder.hasNext()).isTrue();
        assertThat(inOrder.next()).as("record %d", i).isEqualTo(records.get(i));
        assertThat(inOrder.tag()).isEqualTo((byte) (i % 3));
      }
      assertThat(inOrder.hasNext()).isFalse();
      assertThat(files(dir)).singleElement().asString().contains(".faf-tmp-page");
    }
    assertThat(files(dir)).isEmpty();
  }

  private static byte[] bytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void aFullDiskEndsTheListingWithOneLineNamingTheDirectory() throws Exception {
    byte[] record = new byte[1_000];
    Arrays.fill(record, (byte) 'x');
    try (SmallTmpfs tiny = SmallTmpfs.mount(dir.resolve("tiny"), "64k")) {
      FafException e;
      try (PageFile file = new PageFile(tiny.path())) {
        e =
            catchThrowableOfType(
                FafException.class,
                () -> {
                  for (int i = 0; i < 1_000; i++) {
                    file.append((byte) 1, record);
                  }
                });
      }

      assertThat(e).as("the tmpfs filled up").isNotNull();
      assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL);
      assertThat(e.getMessage())
          .contains("cannot write the scratch file of a listed page in " + tiny.path())
          .contains("No space left on device")
          .doesNotContain("\n");
      assertThat(files(tiny.path())).as("the file is deleted on close").isEmpty();
    }
  }

  @Test
  void aMissingDirectoryEndsTheListingWithOneLineNamingIt() {
    Path missing = dir.resolve("gone");

    FafException e = catchThrowableOfType(FafException.class, () -> new PageFile(missing).close());

    assertThat(e.getMessage())
        .contains("cannot create the scratch file of a listed page in " + missing)
        .contains("NoSuchFileException")
        .doesNotContain("\n");
  }
}
