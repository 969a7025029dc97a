package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.fafbulk.testing.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Installs FAF's own real and invalid map archives, which the repository carries. */
class MapInstallerFixturesTest {
  private static final Path FIXTURES = Fixtures.maps();

  @TempDir Path out;
  private final MapInstaller installer = new MapInstaller(ArchiveLimits.DEFAULT);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          theta_passage_5.v0001.zip | theta_passage_5.v0001 | theta_passage_5 | 56 | Theta Passage 5 | 4
          command_conquer_rush.v0007.zip | command_conquer_rush.v0007 | command_conquer_rush | 53 | Command Conquer Rush | 8
          sludge_test.v0001.zip | sludge_test.v0001 | scmp_037 | 60 | Sludge_Test | 3
          sludge_test____.___..v0001.zip | sludge_test____.___..v0001 | scmp_037 | 60 | Sludge_Test &!$.#+/. | 3
          scmp_037.zip | scmp_037 | scmp_037 | 60 | Sludge_Test &!$.#+/. | 3
          scmp 037.zip | scmp 037 | scmp 037 | 60 | Sludge_Test | 3
          scmp_037_no_ascii.zip | scmp_037 | scmp_037 | 60 | No_Ascii%\\t | 3
          """)
  void installsARealVaultMap(
      String archive, String folder, String name, int minor, String scenarioName, int armies)
      throws Exception {
    MapInstaller.Installed installed =
        installer.install(FIXTURES.resolve("real").resolve(archive), out, Optional.empty());

    Path target = out.resolve(folder);
    assertThat(installed.folder()).isEqualTo(folder);
    assertThat(installed.path()).isEqualTo(target);
    assertThat(installed.map().header()).isEqualTo(new ScmapHeader(256f, 256f, minor));
    assertThat(installed.map().scmap().getFileName().toString())
        .isEqualToIgnoringCase(name + ".scmap");
    assertThat(installed.map().scenario()).isEqualTo(target.resolve(name + "_scenario.lua"));
    assertThat(ScmapHeader.read(installed.map().scmap())).isEqualTo(installed.map().header());
    ScenarioInfo scenario = ScenarioInfo.read(installed.map().scenario());
    assertThat(scenario.name()).contains(scenarioName.replace("\\t", "\t"));
    assertThat(scenario.size()).contains(new ScenarioInfo.Size(256, 256));
    assertThat(scenario.armies()).hasValue(armies);
    assertThat(listing(out)).containsExactly(folder);
  }

  @ParameterizedTest
  @CsvSource({
    "without_scmap.zip, no .scmap",
    "without_scenariolua.zip, no _scenario.lua",
    "invalid_zip.zip, 2 top-level folders",
    "empty.zip, empty",
    "map_zip_bomb.zip, zip bomb"
  })
  void rejectsAnInvalidArchiveAndLeavesNothing(String archive, String reason) throws Exception {
    Path before = Files.createDirectory(out.resolve("already_here.v0001"));

    MapFailure failure =
        catchThrowableOfType(
            MapFailure.class,
            () ->
                installer.install(
                    FIXTURES.resolve("invalid").resolve(archive), out, Optional.empty()));

    assertThat(failure).as("the install should fail").isNotNull();
    assertThat(failure.kind()).isEqualTo(MapFailure.Kind.PERMANENT);
    assertThat(failure.getMessage()).contains(reason);
    assertThat(listing(out)).containsExactly(before.getFileName().toString());
    assertThat(listing(before)).isEmpty();
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
