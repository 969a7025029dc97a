package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PackedMapsTest {
  private static FafMap map(String id, String name, Optional<String> author, MapVersion version) {
    return new FafMap(id, name, author, version);
  }

  @Test
  void givesBackEqualMapsInTheOrderTheyCame() {
    List<FafMap> maps = new ArrayList<>();
    maps.add(
        map(
            "1",
            "Seton's Clutch",
            Optional.of("Seton"),
            new MapVersion(
                "11",
                3,
                "setons_clutch.v0003",
                "https://content.faforever.com/maps/setons_clutch.v0003.zip",
                1024,
                1024,
                8,
                true,
                false)));
    // what a server may send: empty strings, no author, negative and extreme numbers, every kind
    // of char including NUL, a lone surrogate (JSON can spell one) and a long name
    maps.add(
        map(
            "",
            "\u0000 é ß € 𝄞 \ud800 x\udfff \u07ff\u0800\uffff",
            Optional.empty(),
            new MapVersion("", -1, "", "", Integer.MIN_VALUE, Integer.MAX_VALUE, 0, false, true)));
    maps.add(
        map(
            "99999999999999999999",
            "n".repeat(100_000),
            Optional.of(""),
            new MapVersion("v", 0, "f", "u", 1, -64, 127, true, true)));
    PackedMaps packed = new PackedMaps();
    maps.forEach(packed::add);

    assertThat(packed.size()).isEqualTo(3);
    List<FafMap> back = new ArrayList<>();
    while (!packed.isEmpty()) {
      back.add(packed.removeFirst());
    }
    assertThat(back).isEqualTo(maps);
  }

  @Test
  void keepsTheOrderWhileAddingAndTakingInterleave() {
    PackedMaps packed = new PackedMaps(2, new DownloadUrls());
    List<String> back = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      packed.add(
          map(
              Integer.toString(i),
              "m" + i,
              Optional.of("a" + i),
              new MapVersion("v" + i, i, "f" + i, "u" + i, i, i, i, false, false)));
      if (i % 3 == 0) {
        back.add(packed.removeFirst().id());
      }
    }
    while (!packed.isEmpty()) {
      FafMap map = packed.removeFirst();
      assertThat(map.latestVersion().folderName()).isEqualTo("f" + map.id());
      back.add(map.id());
    }

    assertThat(back)
        .containsExactlyElementsOf(IntStream.range(0, 1_000).mapToObj(Integer::toString).toList());
  }

  @Test
  void anEmptyQueueHasNothingToTake() {
    assertThatThrownBy(() -> new PackedMaps().removeFirst())
        .isInstanceOf(NoSuchElementException.class);
  }
}
