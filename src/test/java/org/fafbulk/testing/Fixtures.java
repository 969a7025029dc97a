package org.fafbulk.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The map fixtures this repository carries in {@code src/test/resources/fixtures/maps}. */
public final class Fixtures {
  private Fixtures() {}

  /** {@code fixtures/maps/<parts...>} on the test classpath; fails loudly when it is missing. */
  public static Path maps(String... parts) {
    URL url = Fixtures.class.getResource("/fixtures/maps");
    if (url == null) {
      throw new IllegalStateException("test resource /fixtures/maps is missing from the classpath");
    }
    try {
      Path path = Path.of(url.toURI());
      for (String part : parts) {
        path = path.resolve(part);
      }
      return path;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + url, e);
    }
  }
}
