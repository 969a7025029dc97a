package org.fafbulk.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tmpfs of a few KB or MB mounted on a new folder, for tests of a really full disk; the test is
 * skipped where it cannot be mounted (mounting needs root, and an unprivileged container has not).
 * Closing unmounts it.
 */
public final class SmallTmpfs implements AutoCloseable {
  private final Path path;

  private SmallTmpfs(Path path) {
    this.path = path;
  }

  /** Mounts a tmpfs of {@code size} ({@code mount -o size=}, e.g. "64k") on {@code dir}. */
  public static SmallTmpfs mount(Path dir, String size) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Process mounting =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
            .redirectErrorStream(true)
            .start();
    mounting.getInputStream().transferTo(OutputStream.nullOutputStream());
    assumeTrue(mounting.waitFor() == 0, "cannot mount a tmpfs here (needs root)");
    return new SmallTmpfs(dir);
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    try {
      new ProcessBuilder("umount", path.toString()).inheritIO().start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while unmounting " + path, e);
    }
  }
}
