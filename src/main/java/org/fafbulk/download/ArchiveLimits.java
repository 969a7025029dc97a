package org.fafbulk.download;

/**
 * Bounds that no real vault map comes near, so that a hostile archive cannot fill the disk.
 *
 * @param maxEntries most entries in one archive
 * @param maxUncompressedBytes most bytes all entries may expand to
 * @param maxRatio most the whole archive may expand by, uncompressed bytes over archive bytes
 */
public record ArchiveLimits(int maxEntries, long maxUncompressedBytes, double maxRatio) {
  /**
   * Real maps expand by at most ~150 (a mostly empty scmap); a deflate bomb by ~1000. The largest
   * 80 km maps stay well under 1 GiB unpacked.
   */
  public static final ArchiveLimits DEFAULT = new ArchiveLimits(10_000, 1L << 30, 500);

  public ArchiveLimits {
    if (maxEntries < 1 || maxUncompressedBytes < 1 || maxRatio < 1) {
      throw new IllegalArgumentException("archive limits must be positive");
    }
  }
}
