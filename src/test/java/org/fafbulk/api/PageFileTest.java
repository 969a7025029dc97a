package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageFileTest {
  @TempDir Path dir;
  private Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
    }
  }

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
    Path tiny = Files.createDirectories(dir.resolve("tiny"));
    Process mounting =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny.toString())
            .redirectErrorStream(true)
            .start();
    assumeTrue(mounting.waitFor() == 0, "cannot mount a tmpfs here (needs root)");
    mount = tiny;
    byte[] record = new byte[1_000];
    Arrays.fill(record, (byte) 'x');

    FafException e;
    try (PageFile file = new PageFile(tiny)) {
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
        .contains("cannot write the scratch file of a listed page in " + tiny)
        .contains("No space left on device")
        .doesNotContain("\n");
    assertThat(files(tiny)).as("the file is deleted on close").isEmpty();
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
