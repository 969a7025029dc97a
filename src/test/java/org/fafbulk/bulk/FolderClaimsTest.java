package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FolderClaimsTest {
  @Test
  void answersAsAMapWhoseFirstClaimWinsDoes() {
    Random random = new Random(13);
    List<String> prefixes = List.of("map_", "карта_", "地图_", "x\ud800_", "\u0000", "é");
    FolderClaims claims = new FolderClaims();
    Map<String, String> expected = new HashMap<>();
    for (int step = 0; step < 100_000; step++) {
      String folder =
          prefixes.get(random.nextInt(prefixes.size())) + random.nextInt(20_000) + ".v0001";
      int owner = random.nextInt(30_000);
      String id = random.nextInt(10) == 0 ? "0" + owner : Integer.toString(owner);
      if (random.nextBoolean()) {
        claims.claim(folder, id);
        expected.putIfAbsent(folder, id);
      }
      assertThat(claims.owner(folder)).isEqualTo(Optional.ofNullable(expected.get(folder)));
    }
    expected.forEach((folder, id) -> assertThat(claims.owner(folder)).contains(id));
  }

  @Test
  void namesThatDifferInOneCharAreDifferentClaims() {
    FolderClaims claims = new FolderClaims();
    claims.claim("a.v0001", "7");
    claims.claim("a.v0001", "8");
    claims.claim("A.v0001", "map-9");

    assertThat(claims.owner("a.v0001")).contains("7");
    assertThat(claims.owner("A.v0001")).contains("map-9");
    assertThat(claims.owner("a.v0001 ")).isEmpty();
    assertThat(claims.owner("a.v000")).isEmpty();
    assertThat(claims.owner("")).isEmpty();
  }

  @Test
  void keepsOwnersPastAnIntAndNonNumericOnesExactly() {
    FolderClaims claims = new FolderClaims();
    List<String> owners = List.of("2147483647", "2147483648", "999999999999999999", "-1", "", "x");
    for (int i = 0; i < owners.size(); i++) {
      claims.claim("folder" + i, owners.get(i));
    }

    for (int i = 0; i < owners.size(); i++) {
      assertThat(claims.owner("folder" + i)).contains(owners.get(i));
    }
  }

  @Test
  void vaultLikeNamesAndTheirOneCharVariantsGetDistinctHashes() {
    // Names shaped like the vault's, each with variants one char away (case, version digit, a
    // trailing char), and short names of every pair of chars: a weak hash would merge some.
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 60_000; i++) {
      String base = "map_" + i + ".v000";
      names.add(base + (i % 10));
      names.add(base + ((i + 1) % 10));
      names.add("MAP_" + i + ".v000" + (i % 10));
      names.add(base + (i % 10) + " ");
    }
    for (char a = 0; a < 512; a++) {
      for (char b = 0; b < 512; b++) {
        names.add("" + a + b);
      }
    }
    for (long seed : new long[] {0, 1, -1, 0x5DEECE66DL}) {
      FolderClaims claims = new FolderClaims(seed);
      Set<Long> hashes = new HashSet<>();
      for (String name : names) {
        hashes.add(claims.hash(name));
      }

      assertThat(hashes).as("seed %d", seed).hasSameSizeAs(names);
    }
  }

  @Test
  void eachSeedHashesANameDifferently() {
    Set<Long> hashes = new HashSet<>();
    for (long seed = 0; seed < 1_000; seed++) {
      hashes.add(new FolderClaims(seed).hash("theta_passage_5.v0001"));
    }

    assertThat(hashes).hasSize(1_000);
  }
}
