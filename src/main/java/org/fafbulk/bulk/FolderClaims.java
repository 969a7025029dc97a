package org.fafbulk.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.fafbulk.IdSet;

/**
 * Which map of this run claimed each folder name, for the length of the run: a table of 64-bit
 * hashes of the names and their owners as ints, at most three quarters full, ~20 bytes a folder
 * (~0.4 MB over 20,000 maps) where the names themselves took ~45 and a {@code HashMap<String,
 * String>} ~160. Two names are the same claim when their hashes are equal, which for two of n
 * different names happens with a probability of about n²/2^65: one in 10^11 for the 20,000 folders
 * of the vault. The later of two such maps would then be refused as if the other had taken its
 * folder (or, were both listings the same map's, taken as that map listed twice). Each instance
 * hashes with a random seed of its own, so that such a clash does not repeat on the next run, and
 * names cannot be chosen in advance to clash.
 */
final class FolderClaims {
  private static final long FREE = 0;

  private final long seed;
  private long[] hashes = new long[32]; // FREE, or the hash of a claimed name
  private int[] owners = new int[32]; // a numeric id below 2^31, or -1 - index into otherOwners
  private final List<String> otherOwners = new ArrayList<>();
  private int count;

  FolderClaims() {
    this(new SplittableRandom().nextLong());
  }

  /** Claims whose names are hashed with {@code seed}. */
  FolderClaims(long seed) {
    this.seed = seed;
  }

  /** The map that claimed {@code folder}, if one did. */
  Optional<String> owner(String folder) {
    int slot = slot(hash(folder));
    return hashes[slot] == FREE ? Optional.empty() : Optional.of(ownerOf(owners[slot]));
  }

  /** Lets {@code id} claim {@code folder}, unless a map claimed it already. */
  void claim(String folder, String id) {
    long hash = hash(folder);
    int slot = slot(hash);
    if (hashes[slot] != FREE) {
      return;
    }
    hashes[slot] = hash;
    long numeric = IdSet.numeric(id);
    if (numeric >= 0 && numeric <= Integer.MAX_VALUE) {
      owners[slot] = (int) numeric;
    } else {
      owners[slot] = -1 - otherOwners.size();
      otherOwners.add(id);
    }
    if (++count > hashes.length / 4 * 3) {
      rehash();
    }
  }

  private String ownerOf(int owner) {
    return owner >= 0 ? Integer.toString(owner) : otherOwners.get(-1 - owner);
  }

  /** The slot that holds {@code hash}, or the free one where it would go. */
  private int slot(long hash) {
    int mask = hashes.length - 1;
    for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
      if (hashes[i] == FREE || hashes[i] == hash) {
        return i;
      }
    }
  }

  private void rehash() {
    long[] oldHashes = hashes;
    int[] oldOwners = owners;
    hashes = new long[oldHashes.length * 2];
    owners = new int[oldHashes.length * 2];
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldHashes[i] != FREE) {
        int slot = slot(oldHashes[i]);
        hashes[slot] = oldHashes[i];
        owners[slot] = oldOwners[i];
      }
    }
  }

  /**
   * A 64-bit hash of {@code name}'s chars from this instance's seed, never {@link #FREE}. Each
   * char's step (xor the char, multiply by an odd constant, fold the high half into the low one) is
   * a bijection of the state, so names of one length that differ in a single char end in different
   * states; the final mix spreads every bit of the state over the low bits that pick a slot.
   */
  long hash(String name) {
    long h = seed ^ 0x9E3779B97F4A7C15L * (name.length() + 1);
    for (int i = 0; i < name.length(); i++) {
      h = (h ^ name.charAt(i)) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 32;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h == FREE ? 1 : h;
  }
}
