package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Installs FAF's own real and invalid map archives from the shared fixtures, when present. */
class MapInstallerFixturesTest {
  private static final Path FIXTURES = Path.of("..", "shared", "fixtures", "maps");

  @TempDir Path out;
  private final MapInstaller installer = new MapInstaller(ArchiveLimits.DEFAULT);

  @BeforeEach
  void requireFixtures() {
    Assumptions.assumeTrue(
        Files.isDirectory(FIXTURES), "map fixtures " + FIXTURES.toAbsolutePath() + " absent");
  }

  @ParameterizedTest
  @CsvSource({
    "theta_passage_5.v0001.zip, theta_passage_5.v0001, theta_passage_5, 56",
    "command_conquer_rush.v0007.zip, command_conquer_rush.v0007, command_conquer_rush, 53"
  })
  void installsARealVaultMap(String archive, String folder, String name, int minorVersion)
      throws Exception {
    MapInstaller.Installed installed =
        installer.install(FIXTURES.resolve("real").resolve(archive), out, Optional.empty());

    Path target = out.resolve(folder);
    assertThat(installed.folder()).isEqualTo(folder);
    assertThat(installed.path()).isEqualTo(target);
    assertThat(installed.map().header().minorVersion()).isEqualTo(minorVersion);
    assertThat(installed.map().header().width()).isPositive();
    assertThat(installed.map().scmap()).isEqualTo(target.resolve(name + ".scmap"));
    assertThat(ScmapHeader.read(installed.map().scmap())).isEqualTo(installed.map().header());
    assertThat(target.resolve(name + "_scenario.lua")).isRegularFile();
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
