package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fafbulk.download.FolderFlush;

/** A {@link FolderFlush} that records each batch and lets a test look at the disk during it. */
class RecordingFlush implements FolderFlush {
  final List<List<Path>> batches = new ArrayList<>();

  @Override
  public synchronized void flush(List<Path> folders) throws IOException {
    during(folders);
    batches.add(List.copyOf(folders));
  }

  /** What a test checks, or waits for, while a batch is being flushed. */
  void during(List<Path> folders) throws IOException {}

  synchronized int flushedFolders() {
    return batches.stream().mapToInt(List::size).sum();
  }

  @Override
  public String name() {
    return "recording";
  }
}
