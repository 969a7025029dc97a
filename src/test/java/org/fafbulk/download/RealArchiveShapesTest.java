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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shapes real vault archives have, which FAF accepts, each installing as a map. */
class RealArchiveShapesTest {
  @TempDir Path root;
  private final MapInstaller installer = new MapInstaller(ArchiveLimits.DEFAULT);

  private MapInstaller.Installed install(Map<String, byte[]> entries) throws Exception {
    Path zip = MapArchives.write(root.resolve("map.zip"), entries);
    Path out = Files.createDirectories(root.resolve("out"));
    return installer.install(zip, out, Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "./"})
  void ignoresABareRootEntryAsSomeWindowsToolsWriteIt(String rootEntry) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(rootEntry, new byte[0]);
    entries.putAll(MapArchives.validMapEntries("sludge_test.v0001"));

    MapInstaller.Installed installed = install(entries);

    assertThat(installed.folder()).isEqualTo("sludge_test.v0001");
    assertThat(listing(installed.path())).hasSize(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "/sludge_test.v0001/x.lua", "/x/"})
  void stillRefusesARealAbsolutePath(String name) throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("sludge_test.v0001");
    entries.put(name, new byte[0]);

    MapFailure failure = catchThrowableOfType(MapFailure.class, () -> install(entries));

    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("absolute path");
    assertThat(root.resolve("out")).isEmptyDirectory();
  }

  @Test
  void leavesOutAnEmptyFolderEntryForAnotherTopLevelName() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("/", new byte[0]);
    entries.put("sludge_test.v0001/", new byte[0]);
    entries.put("sludge_test.v0001/empty/", new byte[0]);
    entries.putAll(MapArchives.validMapEntries("sludge_test____.___..v0001"));

    MapInstaller.Installed installed = install(entries);

    assertThat(installed.folder()).isEqualTo("sludge_test____.___..v0001");
    assertThat(listing(root.resolve("out"))).containsExactly("sludge_test____.___..v0001");
    assertThat(listing(installed.path())).doesNotContain("sludge_test.v0001", "empty");
  }

  @Test
  void refusesAFileOutsideTheTopLevelFolderEvenBesideAnEmptyFolder() throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("a_map.v0001");
    entries.put("other/", new byte[0]);
    entries.put("other/x.lua", MapArchives.utf8("x = 1"));

    MapFailure failure = catchThrowableOfType(MapFailure.class, () -> install(entries));

    assertThat(failure.getMessage()).contains("2 top-level folders");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sludge_test____.___..v0001", "a..b", "..name", "name.."})
  void takesTwoDotsInsideASegmentAsAnOrdinaryName(String file) throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("a_map.v0001");
    entries.put("a_map.v0001/" + file, MapArchives.utf8("data"));

    MapInstaller.Installed installed = install(entries);

    assertThat(installed.path().resolve(file)).hasContent("data");
  }

  @Test
  void installsMixedCaseSpacesNestedFoldersAndExtraLuaFilesWithoutFolderEntries() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    String folder = "scmp 037";
    entries.put(folder + "/SCMP 037.scmap", ScmapBytes.header(512f, 512f, 60));
    entries.put(
        folder + "/scmp 037_scenario.lua",
        MapArchives.utf8("ScenarioInfo = { name = 'Sludge', size = {512, 512} }"));
    entries.put(folder + "/scmp 037_save.lua", MapArchives.utf8("Scenario = {}"));
    entries.put(folder + "/scmp 037_script.lua", MapArchives.utf8("local x = 1"));
    entries.put(folder + "/scmp 037_options.lua", MapArchives.utf8("options = {}"));
    entries.put(folder + "/scmp 037_tables.lua", MapArchives.utf8("t = {}"));
    entries.put(folder + "/scmp 037_strings.lua", MapArchives.utf8("s = 'x'"));
    entries.put(folder + "/env/layers/Rock 01.dds", new byte[] {1, 2, 3});
    entries.put(folder + "/scripts/ai.lua", MapArchives.utf8("ai = 1"));

    MapInstaller.Installed installed = install(entries);

    Path path = root.resolve("out").resolve(folder);
    assertThat(installed.folder()).isEqualTo(folder);
    assertThat(installed.map().scmap()).isEqualTo(path.resolve("SCMP 037.scmap"));
    assertThat(installed.map().scenario()).isEqualTo(path.resolve("scmp 037_scenario.lua"));
    assertThat(path.resolve("env/layers/Rock 01.dds")).hasBinaryContent(new byte[] {1, 2, 3});
    assertThat(path.resolve("scripts/ai.lua")).hasContent("ai = 1");
    assertThat(path.resolve("scmp 037_strings.lua")).hasContent("s = 'x'");
  }

  @Test
  void installsALegacyFolderNameWithoutVersionSuffix() throws Exception {
    MapInstaller.Installed installed = install(MapArchives.validMapEntries("scmp_001"));

    assertThat(installed.folder()).isEqualTo("scmp_001");
    assertThat(installed.path()).isDirectory();
  }

  @Test
  void reportsTheIntCodedSizeOfAnFaForeverMapEditorMap() throws Exception {
    Map<String, byte[]> entries = MapArchives.validMapEntries("editor_map.v0001");
    entries.put("editor_map.v0001/test_map.scmap", ScmapBytes.intSizedHeader(0x200, 0x200, 60));

    MapInstaller.Installed installed = install(entries);

    assertThat(installed.map().header()).isEqualTo(new ScmapHeader(512f, 512f, 60));
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
