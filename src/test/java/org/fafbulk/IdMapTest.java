package org.fafbulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdMapTest {
  @Test
  void answersAsAMapKeyedByStrings() {
    IdMap<String> map = new IdMap<>();
    map.put("7", "seven");
    map.put("07", "zero seven");
    map.put("", "empty");
    map.put("999999999999999999", "eighteen nines");
    map.put("9999999999999999999", "nineteen nines");

    assertThat(map.get("7")).hasValue("seven");
    assertThat(map.get("07")).hasValue("zero seven");
    assertThat(map.get("")).hasValue("empty");
    assertThat(map.get("999999999999999999")).hasValue("eighteen nines");
    assertThat(map.get("9999999999999999999")).hasValue("nineteen nines");
    assertThat(map.get("8")).isEmpty();
    assertThat(map.get("+7")).isEmpty();
  }

  @Test
  void theLastValuePutForAnIdWins() {
    IdMap<String> map = new IdMap<>();
    map.put("7", "first");
    map.put("x", "first");
    map.put("7", "second");
    map.put("x", "second");

    assertThat(map.get("7")).hasValue("second");
    assertThat(map.get("x")).hasValue("second");
  }

  @Test
  void keepsEveryEntryAsItGrows() {
    IdMap<Integer> map = new IdMap<>();
    for (int id = 0; id < 50_000; id += 3) {
      map.put(Integer.toString(id), id);
    }

    for (int id = 0; id < 50_000; id++) {
      if (id % 3 == 0) {
        assertThat(map.get(Integer.toString(id))).hasValue(id);
      } else {
        assertThat(map.get(Integer.toString(id))).isEmpty();
      }
    }
  }

  @Test
  void answersAsAMapOfStringsDoesUnderRandomPuts() {
    Random random = new Random(17);
    IdMap<Long> map = new IdMap<>();
    Map<String, Long> expected = new HashMap<>();
    List<String> odd = List.of("007", "-1", "abc", "", "1234567890123456789", "\uD800", "1 ");
    for (int step = 0; step < 100_000; step++) {
      String id =
          random.nextInt(20) == 0
              ? odd.get(random.nextInt(odd.size()))
              : Integer.toString(random.nextInt(20_000));
      if (random.nextBoolean()) {
        long value = random.nextLong();
        map.put(id, value);
        expected.put(id, value);
      } else {
        assertThat(map.get(id)).isEqualTo(Optional.ofNullable(expected.get(id)));
      }
      assertThat(map.size()).isEqualTo(expected.size());
    }
    expected.forEach((id, value) -> assertThat(map.get(id)).as(id).hasValue(value));
  }

  @Test
  void clearEmptiesIt() {
    IdMap<Integer> map = new IdMap<>();
    for (int i = 0; i < 1_000; i++) {
      map.put(Integer.toString(i), i);
    }
    map.put("x", 5);
    map.clear();

    assertThat(map.size()).isZero();
    assertThat(map.get("500")).isEmpty();
    assertThat(map.get("x")).isEmpty();
    map.put("500", 3);
    assertThat(map.get("500")).hasValue(3);
  }
}
