package org.fafbulk.state;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that their final name only ever holds complete content: temp file beside the
 * target, fsync, atomic rename, fsync of the directory.
 */
public final class AtomicFiles {
  /** Prefix of every temporary file or folder the tool creates; the next run cleans them up. */
  public static final String TEMP_PREFIX = ".faf-tmp-";

  /** Temp files are created private; what they become is for every user, as plain files are. */
  public static final Set<PosixFilePermission> FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-r--r--");

  public static final Set<PosixFilePermission> DIR_PERMISSIONS =
      PosixFilePermissions.fromString("rwxr-xr-x");

  /** What goes into a file, written as a stream so that a large file never sits in memory. */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole content; {@code out} is buffered, and closed by the caller. */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Sets ordinary permissions where the file system has them (temp files start as 0600). */
  public static void makeReadable(Path path, Set<PosixFilePermission> permissions)
      throws IOException {
    // Asked of the file system, not of the file's store: finding the store reads the mount table,
    // which cost more than the rest of staging a small map.
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  /** Replaces {@code target} with {@code content}: temp file, fsync, atomic rename. */
  public static void write(Path target, Content content) throws IOException {
    Symlinks.refuseLink(target); // planted: refuse it, as the reads do, rather than replace it
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, TEMP_PREFIX + target.getFileName() + "-", ".part");
    try {
      makeReadable(temp, FILE_PERMISSIONS);
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Renames {@code source} to {@code target} atomically and makes the rename durable. */
  public static void move(Path source, Path target) throws IOException {
    rename(source, target);
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * Renames {@code source} to {@code target} atomically; the rename is durable once the caller
   * syncs the directory, which it may do once for many renames.
   */
  public static void rename(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename " + target + " atomically", e);
    }
  }

  /** Flushes a directory's entries, so that a rename inside it survives a power cut. */
  public static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open or sync a directory; the rename is still atomic there.
    }
  }
}
