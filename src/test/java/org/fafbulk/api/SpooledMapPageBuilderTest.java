package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of {@link MapPageBuilderTest} again, with the page kept in a scratch file: the same
 * maps in the same order, and no file left once a page is drained or its read failed.
 */
class SpooledMapPageBuilderTest extends MapPageBuilderTest {
  @TempDir Path dir;

  private int pageSize = FafApiClient.MAX_PAGE_SIZE;

  @Override
  MapPageBuilder builder() {
    return new MapPageBuilder(pageSize, Optional.of(dir));
  }

  @AfterEach
  void noScratchFileIsLeft() throws IOException {
    assertThat(scratchFiles()).isEmpty();
  }

  private List<Path> scratchFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(".faf-tmp-page")).toList();
    }
  }

  @Test
  void aPageWaitsInItsScratchFileUntilItsLastMapIsTaken() throws IOException {
    JsonApi.MapPage page =
        read(
            document(
                "data",
                array(map("1", "One", "10", "7"), map("2", "Two", "20", "7")),
                "included",
                array(version("10", "one.v0002"), version("20", "two.v0002"))));

    assertThat(scratchFiles()).hasSize(1);
    assertThat(page.maps().removeFirst().id()).isEqualTo("1");
    assertThat(scratchFiles()).hasSize(1);
    assertThat(page.maps().removeFirst().id()).isEqualTo("2");
    assertThat(page.maps().isEmpty()).isTrue();
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void closingAPageNotWhollyTakenDeletesItsFile() throws IOException {
    JsonApi.MapPage page =
        read(
            document(
                "data",
                array(map("1", "One", "10", "7"), map("2", "Two", "10", "7")),
                "included",
                array(version("10", "shared.v0002"))));
    page.maps().removeFirst();

    page.maps().close();

    assertThat(page.maps().isEmpty()).isTrue();
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void mapsThatShareALongVersionAndLoginKeepTheFileWithinTwiceTheResponse() throws IOException {
    // a download URL without the folder name is packed whole, and a login is kept as it came
    String url = "https://c/" + "u".repeat(100_000) + ".zip";
    String login = "l".repeat(100_000);
    ObjectNode version = version("10", "shared.v0002");
    ((ObjectNode) version.get("attributes")).put("downloadUrl", url);
    ArrayNode data = MapPageBuilderTest.array();
    List<FafMap> expected = new ArrayList<>();
    for (int n = 1; n <= 300; n++) {
      data.add(map(Integer.toString(n), "M" + n, "10", "7"));
      expected.add(
          new FafMap(
              Integer.toString(n),
              "M" + n,
              Optional.of(login),
              new MapVersion("10", 2, "shared.v0002", url, 512, 1024, 6, true, false)));
    }
    String json =
        document("data", data, "included", array(version, player("7", login), player("8", "x")));

    JsonApi.MapPage page = read(json);

    assertThat(scratchFiles()).hasSize(1);
    assertThat(Files.size(scratchFiles().get(0))).isLessThanOrEqualTo(2L * json.length());
    assertThat(drain(page)).containsExactlyElementsOf(expected);
  }

  @Test
  void aPageOfMoreMapsThanAskedForEndsTheReadAndLeavesNoFile() {
    pageSize = 2;
    String json =
        document(
            "included",
            array(version("10", "one.v0002")),
            "data",
            array(
                map("1", "One", "10", "7"),
                map("2", "Two", "10", "7"),
                map("3", "Three", "10", "7")));

    assertThatThrownBy(() -> read(json))
        .isInstanceOfSatisfying(
            FafException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.FATAL))
        .hasMessageStartingWith("the FAF API sent a page of more maps than the 2 asked for;");
  }

  @Test
  void aLargePageComesOutInDataOrderEachMapWithItsOwnVersionAndAuthor() throws IOException {
    // Map n names version n + 100000, but every tenth map shares the version of the map before
    // it; the versions of every seventh map are missing. Versions come shuffled, in two included
    // members around data; some names are long enough to cross the file's read buffers.
    Random random = new Random(42);
    ArrayNode data = MapPageBuilderTest.array();
    List<ObjectNode> versions = new ArrayList<>();
    List<FafMap> expected = new ArrayList<>();
    for (int n = 1; n <= 3_000; n++) {
      int owner = n % 10 == 0 ? n - 1 : n;
      String versionId = Integer.toString(owner + 100_000);
      String folder = "folder_" + owner + ".v0002";
      String name = "Map " + n + "x".repeat(random.nextInt(5) == 0 ? 9_000 : random.nextInt(40));
      data.add(map(Integer.toString(n), name, versionId, Integer.toString(n % 13)));
      if (owner % 7 != 0) {
        if (owner == n) {
          versions.add(version(versionId, folder));
        }
        String login = n % 13 == 0 ? null : "login" + n % 13;
        expected.add(expected(Integer.toString(n), name, login, versionId, folder));
      }
    }
    Collections.shuffle(versions, random);
    ArrayNode before = MapPageBuilderTest.array();
    ArrayNode after = MapPageBuilderTest.array();
    for (int i = 0; i < versions.size(); i++) {
      (i % 2 == 0 ? before : after).add(versions.get(i));
    }
    for (int a = 1; a < 13; a++) {
      after.add(player(Integer.toString(a), "login" + a));
    }

    JsonApi.MapPage page = read(document("included", before, "data", data, "included", after));

    assertThat(page.rawCount()).isEqualTo(3_000);
    assertThat(drain(page)).hasSize(expected.size()).containsExactlyElementsOf(expected);
  }
}
