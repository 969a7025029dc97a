package org.fafbulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdSetTest {
  @Test
  void answersAsASetOfStringsDoesUnderRandomAddsAndRemoves() {
    Random random = new Random(13);
    IdSet ids = new IdSet();
    Set<String> expected = new HashSet<>();
    for (int step = 0; step < 200_000; step++) {
      // a small range makes long probe runs, so removals must shift entries back to stay findable;
      // half the ids are past the bitmap's limit, in the table
      long base = random.nextBoolean() ? 0 : 4_194_304 - 2_500;
      String id = Long.toString(base + random.nextInt(5_000));
      int action = random.nextInt(3);
      if (action == 0) {
        assertThat(ids.add(id)).isEqualTo(expected.add(id));
      } else if (action == 1) {
        assertThat(ids.remove(id)).isEqualTo(expected.remove(id));
      } else {
        assertThat(ids.contains(id)).isEqualTo(expected.contains(id));
      }
      assertThat(ids.size()).isEqualTo(expected.size());
    }
    for (int i = 0; i < 5_000; i++) {
      for (long base : new long[] {0, 4_194_304 - 2_500}) {
        String id = Long.toString(base + i);
        assertThat(ids.contains(id)).as(id).isEqualTo(expected.contains(id));
      }
    }
  }

  @Test
  void aNonCanonicalSpellingIsADifferentIdAsItIsForStrings() {
    IdSet ids = new IdSet();
    assertThat(ids.add("7")).isTrue();
    for (String other : List.of("07", "+7", "-7", "7 ", "", "seven", "٧")) {
      assertThat(ids.contains(other)).as(other).isFalse();
      assertThat(ids.add(other)).as(other).isTrue();
      assertThat(ids.add(other)).as(other).isFalse();
    }
    assertThat(ids.size()).isEqualTo(8);
    assertThat(ids.remove("07")).isTrue();
    assertThat(ids.contains("7")).isTrue();
    assertThat(ids.contains("07")).isFalse();
  }

  @Test
  void zeroAndTheLargestAndTooLongIdsAreKept() {
    IdSet ids = new IdSet();
    String largest = "999999999999999999"; // 18 digits: the longest kept as a number
    String tooLong = "9999999999999999999999"; // does not fit a long: kept as a string
    assertThat(ids.add("0")).isTrue();
    assertThat(ids.add(largest)).isTrue();
    assertThat(ids.add(tooLong)).isTrue();
    assertThat(ids.contains("0")).isTrue();
    assertThat(ids.contains(largest)).isTrue();
    assertThat(ids.contains(tooLong)).isTrue();
    assertThat(ids.contains("99999999999999999")).isFalse();
    assertThat(ids.size()).isEqualTo(3);
  }

  @Test
  void holdsTwentyThousandVaultIdsAfterGrowing() {
    IdSet ids = new IdSet();
    for (int id = 1; id <= 20_000; id++) {
      assertThat(ids.add(Integer.toString(id * 3))).isTrue();
    }
    assertThat(ids.size()).isEqualTo(20_000);
    assertThat(ids.contains("60000")).isTrue();
    assertThat(ids.contains("60001")).isFalse();
  }

  @Test
  void aFewLargeIdsBesideManyDenseOnesKeepTheirTableSmall() {
    IdSet ids = new IdSet();
    for (int id = 1; id <= 20_000; id++) {
      ids.add(Integer.toString(id));
    }
    for (long id = 5_000_000; id < 5_000_012; id++) {
      ids.add(Long.toString(id));
    }

    assertThat(ids.tableSlots()).isLessThanOrEqualTo(32);
    assertThat(ids.size()).isEqualTo(20_012);
    assertThat(ids.contains("5000011")).isTrue();
  }

  @Test
  void listsNumericIdsByValueThenTheOthersSorted() {
    IdSet ids = new IdSet();
    for (String id :
        List.of("b", "4194304", "100", "9", "07", "999999999999", "a", "4194303", "10", "0")) {
      ids.add(id);
    }
    ids.remove("9");
    assertThat(ids.inOrder())
        .containsExactly("0", "10", "100", "4194303", "4194304", "999999999999", "07", "a", "b");
  }
}
