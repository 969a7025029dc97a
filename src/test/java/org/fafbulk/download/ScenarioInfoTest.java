package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.fafbulk.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioInfoTest {
  private static final Path FIXTURES = Fixtures.maps();

  @Test
  void readsNameSizeAndArmiesOfARealScenarioWithDoubleQuotes() throws IOException {
    ScenarioInfo info = fixture("Palaneum_scenario.lua");

    assertThat(info.name()).contains("Palaneum");
    assertThat(info.size()).contains(new ScenarioInfo.Size(256, 256));
    assertThat(info.armies()).hasValue(2);
  }

  @Test
  void readsEightArmiesAndSpacedSizeOfAnOriginalGameMap() throws IOException {
    ScenarioInfo info = fixture("SCMP_001_scenario.lua");

    assertThat(info.name()).contains("Burial Mounds");
    assertThat(info.size()).contains(new ScenarioInfo.Size(1024, 1024));
    assertThat(info.armies()).hasValue(8);
  }

  @Test
  void readsScenariosWithAndWithoutVersionInTheirPaths() throws IOException {
    for (String file :
        new String[] {
          "valid_with_version_scenario.lua",
          "valid_without_version_scenario.lua",
          "missing_map_variable_scenario.lua"
        }) {
      ScenarioInfo info = fixture(file);

      assertThat(info.name()).as(file).contains("Mirage");
      assertThat(info.size()).as(file).contains(new ScenarioInfo.Size(256, 256));
      assertThat(info.armies()).as(file).hasValue(2);
    }
  }

  @Test
  void givesEmptyFieldsForAnEmptyScenarioTable() throws IOException {
    assertThat(fixture("valid_empty.lua")).isEqualTo(ScenarioInfo.empty());
  }

  @Test
  void readsTheScenarioInsideRealVaultArchives() throws IOException {
    ScenarioInfo rush = fromArchive("command_conquer_rush.v0007.zip");
    ScenarioInfo theta = fromArchive("theta_passage_5.v0001.zip");

    assertThat(rush.name()).contains("Command Conquer Rush");
    assertThat(rush.size()).contains(new ScenarioInfo.Size(256, 256));
    assertThat(rush.armies()).hasValue(8);
    assertThat(theta.name()).contains("Theta Passage 5");
    assertThat(theta.size()).contains(new ScenarioInfo.Size(256, 256));
    assertThat(theta.armies()).hasValue(4);
  }

  @Test
  void readsTheNameAtTheTopLevelOfScenarioInfoNeverFromANestedTable() {
    String configurationsFirst =
        """
        ScenarioInfo = {
          Configurations = { ['standard'] = { teams = {
            { name = 'FFA', armies = {'ARMY_1', 'ARMY_2'} } } } },
          map_info = { name = 'Not this one' },
          name = 'Command Conquer Rush',
        }
        """;
    String onlyNested =
        """
        ScenarioInfo = { Configurations = { ['standard'] = { teams = {
          { name = 'FFA', armies = {'ARMY_1'} } } } } }
        """;

    assertThat(ScenarioInfo.parse(configurationsFirst).name()).contains("Command Conquer Rush");
    assertThat(ScenarioInfo.parse(configurationsFirst).armies()).hasValue(2);
    assertThat(ScenarioInfo.parse(onlyNested).name()).isEmpty();
    assertThat(ScenarioInfo.parse(onlyNested).armies()).hasValue(1);
  }

  @Test
  void toleratesCommentsSingleQuotesOddWhitespaceAndNoVersion() {
    String source =
        """
        --[[ a block
         comment ]] ScenarioInfo={name='It''s', -- trailing
        	size  =  {
         512 ,	1024 }, Configurations={['standard']={teams={
        {name='A',armies={'ARMY_1';'ARMY_2'}},{name='B',armies={"ARMY_3"}}}}}}""";

    ScenarioInfo info = ScenarioInfo.parse(source);

    assertThat(info.name()).contains("It");
    assertThat(info.size()).contains(new ScenarioInfo.Size(512, 1024));
    assertThat(info.armies()).hasValue(3);
  }

  @Test
  void readsEscapedQuotesAndLongStringNames() {
    assertThat(ScenarioInfo.parse("ScenarioInfo = { name = 'Bob\\'s Map' }").name())
        .contains("Bob's Map");
    assertThat(ScenarioInfo.parse("ScenarioInfo = { name = [[Long Name]] }").name())
        .contains("Long Name");
  }

  @Test
  void givesEmptyFieldsForUnknownOrMalformedContentWithoutThrowing() {
    assertThat(ScenarioInfo.parse("")).isEqualTo(ScenarioInfo.empty());
    assertThat(ScenarioInfo.parse("this is not lua at all ((( ]] '"))
        .isEqualTo(ScenarioInfo.empty());
    assertThat(ScenarioInfo.parse("ScenarioInfo = { size = {'big', 0}, name = 12 }"))
        .isEqualTo(ScenarioInfo.empty());
  }

  @Test
  void keepsWhatItReadBeforeAFileIsCutOff() {
    ScenarioInfo info = ScenarioInfo.parse("ScenarioInfo = { name = 'Cut', size = {256, 256}, Con");

    assertThat(info.name()).contains("Cut");
    assertThat(info.size()).contains(new ScenarioInfo.Size(256, 256));
    assertThat(info.armies()).isEqualTo(OptionalInt.empty());
  }

  @Test
  void ignoresFunctionCallsSuchAsExtraArmies() {
    ScenarioInfo info =
        ScenarioInfo.parse(
            "ScenarioInfo = { Configurations = { standard = { teams = { { armies = {'A'} } },"
                + " customprops = { ExtraArmies = STRING( 'ARMY_9 NEUTRAL_CIVILIAN' ) } } } }");

    assertThat(info.armies()).hasValue(1);
    assertThat(info.name()).isEqualTo(Optional.empty());
  }

  @Test
  void readsAFileWrittenInLatin1(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m_scenario.lua");
    Files.write(
        file,
        "ScenarioInfo = { name = 'Caf\u00e9', size = {256, 512} }"
            .getBytes(StandardCharsets.ISO_8859_1));

    ScenarioInfo info = ScenarioInfo.read(file);

    assertThat(info.name()).hasValueSatisfying(n -> assertThat(n).startsWith("Caf"));
    assertThat(info.size()).contains(new ScenarioInfo.Size(256, 512));
  }

  private static ScenarioInfo fixture(String name) throws IOException {
    Path file = FIXTURES.resolve("scenario").resolve(name);
    return ScenarioInfo.read(file);
  }

  private static ScenarioInfo fromArchive(String name) throws IOException {
    Path archive = FIXTURES.resolve("real").resolve(name);
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      ZipEntry entry =
          zip.stream().filter(e -> e.getName().endsWith("_scenario.lua")).findFirst().orElseThrow();
      return ScenarioInfo.parse(
          new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void survivesHostilelyDeepNestingAndReadsWhatFollowsIt() {
    String deep = "{".repeat(100_000) + "}".repeat(100_000);
    ScenarioInfo info =
        ScenarioInfo.parse(
            "ScenarioInfo = { name = 'Deep', extra = "
                + deep
                + ", size = {512, 256},"
                + " Configurations = { ['standard'] = { teams = { { armies = {'A', 'B'} } } } } }");

    assertThat(info.name()).contains("Deep");
    assertThat(info.size()).contains(new ScenarioInfo.Size(512, 256));
    assertThat(info.armies()).hasValue(2);
  }

  @Test
  void survivesUnclosedDeepNesting() {
    ScenarioInfo info = ScenarioInfo.parse("ScenarioInfo = " + "{".repeat(100_000));

    assertThat(info.name()).isEmpty();
  }
}
