package org.fafbulk.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private static MapTarget target(String id, String folder) {
    return new MapTarget(
        id, "Map " + id, "http://127.0.0.1:9/" + folder + ".zip", folder, Optional.empty());
  }

  @Test
  void mapNotHereIsDownloaded() {
    assertThat(Admission.decide(target("1", "a.v0001"), Optional.empty(), folder -> false))
        .isInstanceOf(Admission.Download.class);
  }

  @Test
  void mapWhoseFolderIsInPlaceIsAlreadyPresent() {
    assertThat(Admission.decide(target("1", "a.v0001"), Optional.empty(), "a.v0001"::equals))
        .isInstanceOf(Admission.AlreadyPresent.class);
  }

  @Test
  void unsafeFolderIsRefusedWithoutLookingAtTheDisk() {
    Admission decision =
        Admission.decide(
            target("1", "../etc"),
            Optional.empty(),
            folder -> {
              throw new AssertionError("looked up " + folder);
            });
    assertThat(decision).isInstanceOf(Admission.Refused.class);
    assertThat(((Admission.Refused) decision).reason()).startsWith("refused folder name '../etc'");
  }

  @Test
  void folderClaimedByAnotherMapIsRefused() {
    Admission decision = Admission.decide(target("2", "a.v0001"), Optional.of("1"), f -> true);
    assertThat(decision)
        .isEqualTo(new Admission.Refused("folder a.v0001 is already claimed by map 1"));
  }

  @Test
  void mapListedTwiceIsInHandAlready() {
    assertThat(Admission.decide(target("1", "a.v0001"), Optional.of("1"), f -> false))
        .isInstanceOf(Admission.Repeated.class);
  }
}
