package org.fafbulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdLongMapTest {
  @Test
  void answersAsAMapOfStringsToLongsDoesAsItGrowsAndIsCleared() {
    Random random = new Random(23);
    IdLongMap map = new IdLongMap();
    Map<String, Long> expected = new HashMap<>();
    List<String> odd = List.of("007", "-1", "abc", "", "1234567890123456789", "\uD800", "1 ");
    List<Long> edges = List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE);
    for (int step = 0; step < 200_000; step++) {
      String id =
          random.nextInt(20) == 0
              ? odd.get(random.nextInt(odd.size()))
              : Integer.toString(random.nextInt(50_000));
      if (step % 70_000 == 69_999) {
        map.clear(); // twice, each time with some 20,000 entries in it
        expected.clear();
      } else if (random.nextBoolean()) {
        long value =
            random.nextInt(10) == 0 ? edges.get(random.nextInt(edges.size())) : random.nextLong();
        map.put(id, value);
        expected.put(id, value);
      } else {
        Long value = expected.get(id);
        assertThat(map.get(id))
            .isEqualTo(value == null ? OptionalLong.empty() : OptionalLong.of(value));
      }
      assertThat(map.size()).isEqualTo(expected.size());
    }
    expected.forEach((id, value) -> assertThat(map.get(id)).as(id).hasValue(value));
  }
}
