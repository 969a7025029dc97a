package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;

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
}
