package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.ZipSurgery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives that lie about themselves, so that a reader trusting one field sees another archive than
 * the one extracted: each is refused before or while extracting, and leaves nothing behind.
 */
class LyingArchiveTest {
  private static final String FOLDER = "test_map.v0001";

  @TempDir Path root;
  private Path out;

  @BeforeEach
  void createOutput() throws IOException {
    out = Files.createDirectory(root.resolve("out"));
  }

  /** The playable test map plus {@code extra} small files {@code extra_N.txt}. */
  private Path mapWithExtras(int extra) throws IOException {
    Map<String, byte[]> entries = MapArchives.validMapEntries(FOLDER);
    for (int i = 0; i < extra; i++) {
      entries.put(FOLDER + "/extra_" + i + ".txt", MapArchives.utf8("extra file " + i));
    }
    return MapArchives.write(root.resolve("map.zip"), entries);
  }

  @Test
  void anHonestArchiveOfManyEntriesInstalls() throws Exception {
    Path zip = mapWithExtras(27);

    MapInstaller.Installed installed =
        new MapInstaller(ArchiveLimits.DEFAULT).install(zip, out, Optional.empty());

    assertThat(listing(installed.path())).hasSize(31);
  }

  @Test
  void anHonestArchiveWithACommentHoldingTheEndSignatureInstalls() throws Exception {
    Path zip = root.resolve("commented.zip");
    try (ZipOutputStream stream = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Map.Entry<String, byte[]> entry : MapArchives.validMapEntries(FOLDER).entrySet()) {
        stream.putNextEntry(new ZipEntry(entry.getKey()));
        stream.write(entry.getValue());
      }
      stream.setComment("made by a tool PK\u0005\u0006 that quotes the end signature");
    }

    MapInstaller.Installed installed =
        new MapInstaller(ArchiveLimits.DEFAULT).install(zip, out, Optional.empty());

    assertThat(listing(installed.path())).hasSize(4);
  }

  @Test
  void refusesAnEndRecordThatCountsFewerEntriesThanTheDirectoryHolds() throws Exception {
    Path zip = ZipSurgery.of(mapWithExtras(12)).claimCount(2).writeTo(root.resolve("liar.zip"));

    assertRefused(zip, new ArchiveLimits(10, 1L << 30, 500), "end record says 2 entries");
  }

  @Test
  void refusesTheHonestTwinOfTooManyEntriesAsBefore() throws Exception {
    Path zip = mapWithExtras(12);

    assertRefused(zip, new ArchiveLimits(10, 1L << 30, 500), "zip bomb: 17 entries, more than 10");
  }

  @Test
  void refusesAStoredOffsetThatPointsAtADecoyDirectory() throws Exception {
    Path honest = mapWithExtras(27);
    byte[] decoy =
        ZipSurgery.of(honest)
            .withDecoyDirectory(
                List.of(FOLDER + "/test_map.scmap", FOLDER + "/test_map_scenario.lua"));
    Path zip = Files.write(root.resolve("decoy.zip"), decoy);

    assertRefused(zip, ArchiveLimits.DEFAULT, "central directory is not where the end record says");
  }

  @Test
  void refusesEntriesThatShareOneLocalHeader() throws Exception {
    Path zip =
        ZipSurgery.of(mapWithExtras(2))
            .pointAt(FOLDER + "/extra_1.txt", FOLDER + "/extra_0.txt")
            .writeTo(root.resolve("shared.zip"));

    assertRefused(zip, ArchiveLimits.DEFAULT, "disagrees with the central directory");
  }

  @Test
  void refusesAnEntryWhoseDataRunsIntoTheNextEntry() throws Exception {
    Path zip =
        ZipSurgery.of(mapWithExtras(2))
            .claimCompressedSize(FOLDER + "/extra_0.txt", 200)
            .writeTo(root.resolve("overlap.zip"));

    assertRefused(zip, ArchiveLimits.DEFAULT, "overlaps another");
  }

  @Test
  void refusesAnEntryWhoseDataRunsIntoTheDirectory() throws Exception {
    Path zip =
        ZipSurgery.of(mapWithExtras(2))
            .claimCompressedSize(FOLDER + "/extra_1.txt", 200)
            .writeTo(root.resolve("overlap.zip"));

    assertRefused(zip, ArchiveLimits.DEFAULT, "overlaps the central directory");
  }

  @Test
  void refusesAnEntryThatInflatesFarPastItsDeclaredSize() throws Exception {
    // 20 MB of zeros declared as 1,000 bytes: the declared ratio passes, the written one must not.
    Path bomb = MapArchives.zeros(root.resolve("bomb.zip"), FOLDER + "/zeros.scmap", 20L << 20);
    Path zip = ZipSurgery.of(bomb).claimSize(FOLDER + "/zeros.scmap", 1000).writeTo(bomb);

    assertRefused(zip, ArchiveLimits.DEFAULT, "expands beyond its declared size");
  }

  @Test
  void refusesAnEntryThatStopsShortOfItsDeclaredSize() throws Exception {
    Path zip =
        ZipSurgery.of(mapWithExtras(1))
            .claimSize(FOLDER + "/extra_0.txt", 100)
            .writeTo(root.resolve("short.zip"));

    assertRefused(zip, ArchiveLimits.DEFAULT, "inflates to 12 bytes, not 100");
  }

  @Test
  void refusesAnEntryThatFailsItsCrc() throws Exception {
    Path zip =
        ZipSurgery.of(mapWithExtras(1))
            .claimCrc(FOLDER + "/extra_0.txt", 0x12345678)
            .writeTo(root.resolve("crc.zip"));

    assertRefused(zip, ArchiveLimits.DEFAULT, "fails its CRC-32 check");
  }

  @Test
  void stopsWritingAtTheArchiveBudgetWhateverTheEntriesDeclare() throws Exception {
    Path zip = MapArchives.zeros(root.resolve("zeros.zip"), "zeros.bin", 100_000);
    try (ArchiveBytes archive = ArchiveBytes.open(zip)) {
      ZipDirectory.Entry entry = ZipDirectory.read(archive, 10).get(0);
      EntryCopier copier = new EntryCopier(archive, 50_000, List.of(entry));

      MapFailure failure =
          catchThrowableOfType(
              MapFailure.class, () -> copier.copy(entry, out.resolve("zeros.bin")));

      assertThat(failure.getMessage()).contains("zip bomb", "past the limit of 50,000 bytes");
      assertThat(copier.written()).isLessThanOrEqualTo(50_000);
      copier.close();
    }
  }

  @Test
  void refusesACentralDirectoryTooLargeToReadBeforeReadingIt() throws Exception {
    // A sparse 20 MB file whose end record claims one entry and a directory filling the file:
    // read whole, a 600 MB one would exhaust the default heap.
    Path zip = root.resolve("huge-directory.zip");
    long size = 20L * 1024 * 1024;
    try (RandomAccessFile file = new RandomAccessFile(zip.toFile(), "rw")) {
      file.setLength(size);
      ByteBuffer eocd = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
      eocd.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
      eocd.putShort((short) 1).putShort((short) 1).putInt((int) (size - 22)).putInt(0);
      eocd.putShort((short) 0);
      file.seek(size - 22);
      file.write(eocd.array());
    }

    assertRefused(zip, ArchiveLimits.DEFAULT, "zip bomb: a central directory of 20,971,498 bytes");
  }

  /** Refused alike whether the archive was held in a file or in memory. */
  private void assertRefused(Path zip, ArchiveLimits limits, String reason) throws IOException {
    MapFailure fromFile =
        catchThrowableOfType(
            MapFailure.class, () -> new MapInstaller(limits).install(zip, out, Optional.empty()));
    MapFailure fromMemory;
    try (ArchiveBytes bytes =
        ArchiveBytes.of(ByteBuffer.wrap(Files.readAllBytes(zip)).position(0))) {
      fromMemory =
          catchThrowableOfType(
              MapFailure.class, () -> MapExtractor.extract(bytes, scratch(), limits));
    }

    for (MapFailure failure : List.of(fromFile, fromMemory)) {
      assertThat(failure).as("the install should fail").isNotNull();
      assertThat(failure.kind()).isEqualTo(MapFailure.Kind.PERMANENT);
      assertThat(failure.getMessage()).contains(reason);
    }
    assertThat(listing(out)).isEmpty();
  }

  private Path scratch() throws IOException {
    return Files.createTempDirectory(root, "from-memory");
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
