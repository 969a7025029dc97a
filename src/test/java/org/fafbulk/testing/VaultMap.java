package org.fafbulk.testing;

import java.util.Locale;

/** One vault map with its latest version, as {@link MapPages} and {@link FakeFafApi} list it. */
public record VaultMap(String id, String folder, String displayName, String downloadUrl) {
  /** Map {@code n} ("1".."N") with folder {@code map_000n.v0001} served by {@code baseUrl}. */
  public static VaultMap numbered(int n, String baseUrl) {
    String folder = String.format(Locale.ROOT, "map_%04d.v0001", n);
    return new VaultMap(
        Integer.toString(n), folder, "Map " + n, baseUrl + "/maps/" + folder + ".zip");
  }

  /** The path of this map's archive on its server. */
  public String archivePath() {
    return "/maps/" + folder + ".zip";
  }
}
