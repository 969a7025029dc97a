package org.fafbulk.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the file {@code bulk-download --url-file} reads: one URL a line. */
public final class UrlFile {
  private UrlFile() {}

  /** A new url file in {@code dir}, so a test can write several. */
  public static Path write(Path dir, String... urls) throws IOException {
    return write(dir, List.of(urls));
  }

  public static Path write(Path dir, List<String> urls) throws IOException {
    return Files.write(Files.createTempFile(dir, "urls", ".txt"), urls);
  }
}
