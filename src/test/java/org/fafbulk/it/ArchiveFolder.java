package org.fafbulk.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.fafbulk.testing.CliRun;
import org.fafbulk.testing.MapArchives;

/** Generated map archives in a folder, for a {@link ThrottledServer}, and the url file of them. */
record ArchiveFolder(Path folder, List<String> names, Path urlFile) {
  /**
   * Writes {@code count} archives {@code <prefix>_01.v0001.zip}... into {@code work/archives}, the
   * i-th (from 0) with about {@code archiveBytes.applyAsInt(i)} bytes of noise seeded by i, and
   * lists their names in {@code work/urls.txt}.
   */
  static ArchiveFolder generate(Path work, String prefix, int count, IntUnaryOperator archiveBytes)
      throws IOException {
    Path folder = Files.createDirectories(work.resolve("archives"));
    List<String> names =
        IntStream.rangeClosed(1, count)
            .mapToObj(n -> String.format(Locale.ROOT, "%s_%02d.v0001", prefix, n))
            .toList();
    for (int i = 0; i < count; i++) {
      String name = names.get(i);
      Files.write(
          folder.resolve(name + ".zip"), MapArchives.valid(name, archiveBytes.applyAsInt(i), i));
    }
    Path urlFile = Files.write(work.resolve("urls.txt"), names);
    return new ArchiveFolder(folder, names, urlFile);
  }

  /**
   * The arguments of a {@code bulk-download} of every listed map from {@code contentUrl} into
   * {@code out}, {@code concurrency} at a time and without delay, then {@code more}.
   */
  String[] bulkDownload(String contentUrl, Path out, int concurrency, String... more) {
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of("--content-url", contentUrl, "--concurrency", Integer.toString(concurrency)));
    options.addAll(List.of(more));
    return CliRun.bulkDownloadArgs(urlFile, out, options.toArray(String[]::new));
  }
}
