package org.fafbulk.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.fafbulk.Errors;
import org.fafbulk.download.ArchiveFetcher;
import org.fafbulk.download.DownloadedArchive;
import org.fafbulk.download.MapFailure;
import org.fafbulk.download.MapInstaller;

/** The real {@link MapWorker}: downloads the archive, then extracts and verifies it. */
public final class ArchiveWorker implements MapWorker {
  private final ArchiveFetcher fetcher;
  private final MapInstaller installer;

  public ArchiveWorker(ArchiveFetcher fetcher, MapInstaller installer) {
    this.fetcher = fetcher;
    this.installer = installer;
  }

  @Override
  public Outcome work(MapTarget target, Path outputDir, LongConsumer bytes) {
    try (DownloadedArchive archive =
        fetcher.fetch(ArchiveFetcher.parseUrl(target.url()), outputDir, bytes)) {
      MapInstaller.Staged staged =
          installer.stage(archive, outputDir, Optional.of(target.folder()));
      return new Outcome.Staged(
          target, staged, archive.bytes(), MapRecords.readScenario(staged.map().scenario()));
    } catch (MapFailure e) {
      return new Outcome.Failed(target, e.getMessage(), e.kind());
    } catch (IOException | RuntimeException e) {
      return new Outcome.Failed(target, Errors.describe(e), MapFailure.Kind.PERMANENT);
    }
  }
}
