package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.fafbulk.testing.MapArchives;
import org.fafbulk.testing.ScmapBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MapInstallerTest {
  @TempDir Path root;
  private Path archives;
  private Path out;
  private final MapInstaller installer = new MapInstaller(ArchiveLimits.DEFAULT);

  @BeforeEach
  void createFolders() throws IOException {
    archives = Files.createDirectory(root.resolve("archives"));
    out = Files.createDirectory(root.resolve("out"));
  }

  @Test
  void installsAGeneratedMapUnderItsArchiveFolder() throws Exception {
    Path zip = MapArchives.validMap(archives.resolve("test_map.v0001.zip"), "test_map.v0001");

    MapInstaller.Installed installed = installer.install(zip, out, Optional.empty());

    Path folder = out.resolve("test_map.v0001");
    assertThat(installed.folder()).isEqualTo("test_map.v0001");
    assertThat(installed.path()).isEqualTo(folder);
    assertThat(installed.map().header()).isEqualTo(new ScmapHeader(256f, 512f, 56));
    assertThat(installed.map().scmap()).isEqualTo(folder.resolve("test_map.scmap"));
    assertThat(installed.map().scenario()).isEqualTo(folder.resolve("test_map_scenario.lua"));
    assertThat(installed.bytes()).isPositive();
    assertThat(listing(out)).containsExactly("test_map.v0001");
    assertThat(listing(folder))
        .containsExactlyInAnyOrder(
            "test_map.scmap", "test_map_scenario.lua", "test_map_save.lua", "test_map_script.lua");
    assertThat(Files.readString(folder.resolve("test_map_save.lua"))).isEqualTo("Scenario = {}\n");
  }

  @Test
  void installsFilesAtTheArchiveRootUnderTheExpectedFolderName() throws Exception {
    Path zip = MapArchives.validMap(archives.resolve("flat.zip"), "");

    MapInstaller.Installed installed = installer.install(zip, out, Optional.of("flat.v0002"));

    assertThat(installed.folder()).isEqualTo("flat.v0002");
    assertThat(listing(out)).containsExactly("flat.v0002");
    assertThat(out.resolve("flat.v0002/test_map.scmap")).isRegularFile();
  }

  @Test
  void expectedFolderNameWinsOverTheArchiveFolder() throws Exception {
    Path zip = MapArchives.validMap(archives.resolve("a.zip"), "old_name.v0001");

    MapInstaller.Installed installed = installer.install(zip, out, Optional.of("new_name.v0001"));

    assertThat(installed.folder()).isEqualTo("new_name.v0001");
    assertThat(listing(out)).containsExactly("new_name.v0001");
    assertThat(out.resolve("new_name.v0001/test_map_scenario.lua")).isRegularFile();
  }

  @Test
  void rejectsRootFilesWhenNoFolderNameIsKnown() throws Exception {
    Path zip = MapArchives.validMap(archives.resolve("flat.zip"), "");

    assertRejected(zip, Optional.empty(), "no folder name is known");
  }

  @Test
  void leavesAnExistingMapFolderAlone() throws Exception {
    Path existing = Files.createDirectory(out.resolve("test_map.v0001"));
    Files.writeString(existing.resolve("mine.txt"), "keep");
    Path zip = MapArchives.validMap(archives.resolve("a.zip"), "test_map.v0001");

    MapFailure failure = failure(zip, Optional.empty());

    assertThat(failure.getMessage()).contains("already exists");
    assertThat(listing(out)).containsExactly("test_map.v0001");
    assertThat(listing(existing)).containsExactly("mine.txt");
  }

  static Stream<Arguments> hostileArchives() {
    return Stream.of(
        Arguments.of("../evil.txt", "zip-slip"),
        Arguments.of("test_map.v0001/../../evil", "zip-slip"),
        Arguments.of("test_map.v0001/sub/../../../evil", "zip-slip"),
        Arguments.of("/etc/x", "absolute path"),
        Arguments.of("C:/evil.txt", "absolute path"),
        Arguments.of("\\evil.txt", "absolute path"),
        Arguments.of("test_map.v0001\\evil.txt", "backslash"),
        Arguments.of("..\\evil.txt", "backslash"),
        Arguments.of("test_map.v0001/bell\u0007.lua", "control character"),
        Arguments.of("other_map/evil.txt", "2 top-level folders"),
        Arguments.of("test_map.v0001/TEST_MAP.scmap", "twice"),
        Arguments.of("test_map.v0001/./test_map.scmap", "twice"),
        Arguments.of("test_map.v0001//test_map.scmap", "twice"),
        Arguments.of("test_map.v0001/./test_map_save.lua/x.lua", "both as a file and as a folder"),
        Arguments.of(
            "test_map.v0001/test_map_save.lua/inner.lua", "both as a file and as a folder"),
        Arguments.of("test_map.v0001/Test_Map_Save.lua/a/b.lua", "both as a file and as a folder"),
        Arguments.of("test_map.v0001/folder_with_data/", "folder that holds data"));
  }

  @ParameterizedTest
  @MethodSource("hostileArchives")
  void rejectsAHostileEntryAndWritesNothing(String entryName, String reason) throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("test_map.v0001");
    entries.put(entryName, MapArchives.utf8("pwned"));
    Path zip = MapArchives.write(archives.resolve("hostile.zip"), entries);

    assertRejected(zip, Optional.empty(), reason);
  }

  @Test
  void rejectsAFolderEntryOfTheSameNameAsAFile() throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("test_map.v0001");
    entries.put("test_map.v0001/test_map_save.lua/", new byte[0]);
    Path zip = MapArchives.write(archives.resolve("clash.zip"), entries);

    assertRejected(zip, Optional.empty(), "twice");
  }

  @Test
  void rejectsASymbolicLinkEntry() throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("test_map.v0001");
    entries.put("test_map.v0001/passwd", MapArchives.utf8("/etc/passwd"));
    Path zip = MapArchives.write(archives.resolve("link.zip"), entries);
    MapArchives.markSymlink(zip, "test_map.v0001/passwd");

    assertRejected(zip, Optional.empty(), "symbolic link");
  }

  @Test
  void rejectsAnArchiveOfOnlyFolders() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("test_map.v0001/", new byte[0]);
    entries.put("test_map.v0001/sub/", new byte[0]);
    Path zip = MapArchives.write(archives.resolve("folders.zip"), entries);

    assertRejected(zip, Optional.empty(), "empty");
  }

  @Test
  void rejectsABombByRatio() throws Exception {
    Path zip = MapArchives.zeros(archives.resolve("bomb.zip"), "bomb/zeros.scmap", 50L << 20);

    assertRejected(zip, Optional.empty(), "zip bomb");
  }

  @Test
  void rejectsABombByDeclaredSize() throws Exception {
    MapInstaller strict = new MapInstaller(new ArchiveLimits(100, 1000, 1000));
    Map<String, byte[]> entries = MapArchives.validMapEntries("test_map.v0001");
    entries.put("test_map.v0001/big.bin", new byte[2000]);
    Path zip = MapArchives.write(archives.resolve("big.zip"), entries);

    MapFailure failure =
        catchThrowableOfType(MapFailure.class, () -> strict.install(zip, out, Optional.empty()));

    assertThat(failure.getMessage()).contains("zip bomb", "more than the limit of 1,000");
    assertNothingWritten();
  }

  @Test
  void rejectsABombByEntryCount() throws Exception {
    MapInstaller strict = new MapInstaller(new ArchiveLimits(4, 1L << 30, 1000));
    Path zip = MapArchives.validMap(archives.resolve("many.zip"), "test_map.v0001");

    MapFailure failure =
        catchThrowableOfType(MapFailure.class, () -> strict.install(zip, out, Optional.empty()));

    assertThat(failure.getMessage()).contains("zip bomb", "5 entries, more than 4");
    assertNothingWritten();
  }

  @Test
  void rejectsAnEntryThatExpandsBeyondItsDeclaredSize() throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("test_map.v0001");
    entries.put("test_map.v0001/liar.bin", new byte[100_000]);
    Path zip = MapArchives.write(archives.resolve("liar.zip"), entries);
    MapArchives.declareSize(zip, "test_map.v0001/liar.bin", 10);

    assertRejected(zip, Optional.empty(), "expands beyond its declared size");
  }

  @Test
  void rejectsSomethingThatIsNotAZip() throws Exception {
    Path zip = Files.writeString(archives.resolve("page.zip"), "<html>Not found</html>".repeat(5));

    assertRejected(zip, Optional.empty(), "not a zip file");
  }

  @Test
  void rejectsATruncatedZip() throws Exception {
    Path zip = MapArchives.validMap(archives.resolve("cut.zip"), "test_map.v0001");
    byte[] bytes = Files.readAllBytes(zip);
    Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length - 30));

    assertRejected(zip, Optional.empty(), "archive is");
  }

  @Test
  void rejectsAMapWithoutScenario() throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("test_map.v0001");
    entries.remove("test_map.v0001/test_map_scenario.lua");
    Path zip = MapArchives.write(archives.resolve("a.zip"), entries);

    assertRejected(zip, Optional.empty(), "no _scenario.lua");
  }

  @Test
  void rejectsAMapWithAnInvalidScmapHeader() throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("test_map.v0001");
    entries.put("test_map.v0001/test_map.scmap", ScmapBytes.header(256f, 256f, 59));
    Path zip = MapArchives.write(archives.resolve("a.zip"), entries);

    assertRejected(zip, Optional.empty(), "test_map.scmap has minor version 59");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "a/b", "a\\b", "a\u0001b", "", "../out2", "/tmp/x"})
  void rejectsAnUnsafeExpectedFolderName(String folder) throws Exception {
    Path zip = MapArchives.validMap(archives.resolve("a.zip"), "test_map.v0001");

    MapFailure failure = failure(zip, Optional.of(folder));

    assertThat(failure.getMessage()).containsAnyOf("folder name", "no folder name");
    assertThat(failure.getMessage()).doesNotContain("\u0001");
  }

  private MapFailure failure(Path zip, Optional<String> folder) {
    MapFailure failure =
        catchThrowableOfType(MapFailure.class, () -> installer.install(zip, out, folder));
    assertThat(failure).as("the install should fail").isNotNull();
    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.PERMANENT);
    return failure;
  }

  private void assertRejected(Path zip, Optional<String> folder, String reason) throws IOException {
    MapFailure failure = failure(zip, folder);
    assertThat(failure.getMessage()).contains(reason);
    assertNothingWritten();
  }

  /** The output dir is still empty and nothing appeared beside it or the archive. */
  private void assertNothingWritten() throws IOException {
    assertThat(listing(out)).isEmpty();
    assertThat(listing(root)).containsExactlyInAnyOrder("archives", "out");
    assertThat(listing(archives)).hasSize(1);
    assertThat(root.getParent().resolve("evil.txt")).doesNotExist();
    assertThat(root.getParent().resolve("evil")).doesNotExist();
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
