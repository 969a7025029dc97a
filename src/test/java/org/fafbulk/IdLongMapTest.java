package org.fafbulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdLongMapTest {
  @Test
  void answersAsAMapOfStringsDoesUnderRandomPuts() {
    Random random = new Random(17);
    IdLongMap map = new IdLongMap();
    Map<String, Long> expected = new HashMap<>();
    List<String> odd = List.of("007", "-1", "abc", "", "1234567890123456789", "\uD800", "1 ");
    for (int step = 0; step < 100_000; step++) {
      String id =
          random.nextInt(20) == 0
              ? odd.get(random.nextInt(odd.size()))
              : Integer.toString(random.nextInt(20_000));
      if (random.nextBoolean()) {
        long value = random.nextLong() & Long.MAX_VALUE;
        map.put(id, value);
        expected.put(id, value);
      } else {
        assertThat(map.get(id)).isEqualTo(expected.getOrDefault(id, IdLongMap.ABSENT));
      }
      assertThat(map.size()).isEqualTo(expected.size());
    }
    expected.forEach((id, value) -> assertThat(map.get(id)).as(id).isEqualTo(value));
  }

  @Test
  void tellsIdsApartExactlyAsStrings() {
    IdLongMap map = new IdLongMap();
    map.put("7", 1);
    map.put("07", 2);

    assertThat(map.get("7")).isEqualTo(1);
    assertThat(map.get("07")).isEqualTo(2);
    assertThat(map.get("+7")).isEqualTo(IdLongMap.ABSENT);
  }

  @Test
  void clearEmptiesIt() {
    IdLongMap map = new IdLongMap();
    for (int i = 0; i < 1_000; i++) {
      map.put(Integer.toString(i), i);
    }
    map.put("x", 5);
    map.clear();

    assertThat(map.size()).isZero();
    assertThat(map.get("500")).isEqualTo(IdLongMap.ABSENT);
    assertThat(map.get("x")).isEqualTo(IdLongMap.ABSENT);
    map.put("500", 3);
    assertThat(map.get("500")).isEqualTo(3);
  }

  @Test
  void refusesANegativeValue() {
    assertThatThrownBy(() -> new IdLongMap().put("1", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
