package org.fafbulk.bulk;

import java.util.Optional;
import java.util.function.Predicate;
import org.fafbulk.download.FolderNames;

/**
 * What to do with a listed map before any download: the decision alone, which the ledger applies.
 */
sealed interface Admission {
  /** Not here yet: fetch it. */
  record Download() implements Admission {}

  /** Its folder is in place, so it is complete by construction. */
  record AlreadyPresent() implements Admission {}

  /** Listed before in this run, and in hand already: nothing to do. */
  record Repeated() implements Admission {}

  /** Never to be fetched in this run, for {@code reason}. */
  record Refused(String reason) implements Admission {}

  /**
   * Decides for {@code target}, given which map already claimed its folder in this run and whether
   * a folder is present; the latter is asked only of a name that is safe to look up.
   */
  static Admission decide(
      MapTarget target, Optional<String> folderOwner, Predicate<String> folderPresent) {
    Optional<String> unsafe = FolderNames.problem(target.folder());
    if (unsafe.isPresent()) {
      return new Refused(
          "refused folder name '"
              + FolderNames.printable(target.folder())
              + "': it "
              + unsafe.get());
    }
    if (folderOwner.isPresent()) {
      return folderOwner.get().equals(target.id())
          ? new Repeated()
          : new Refused(
              "folder " + target.folder() + " is already claimed by map " + folderOwner.get());
    }
    return folderPresent.test(target.folder()) ? new AlreadyPresent() : new Download();
  }
}
