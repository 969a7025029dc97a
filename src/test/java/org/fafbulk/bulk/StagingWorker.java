package org.fafbulk.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.fafbulk.download.MapInstaller;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.download.ScenarioInfo;
import org.fafbulk.download.ScmapHeader;
import org.fafbulk.state.AtomicFiles;

/**
 * A {@link MapWorker} without a network: it stages a small folder at once, as the real worker does
 * after a download, after running a hook the test chooses (to block, count or fail).
 */
final class StagingWorker implements MapWorker {
  /** What a test does inside a worker before it stages; may return an outcome of its own. */
  @FunctionalInterface
  interface Hook {
    Optional<Outcome> before(MapTarget target) throws InterruptedException;
  }

  private final Hook hook;
  final AtomicInteger active = new AtomicInteger();
  final AtomicInteger mostActive = new AtomicInteger();
  final AtomicInteger started = new AtomicInteger();

  StagingWorker(Hook hook) {
    this.hook = hook;
  }

  StagingWorker() {
    this(target -> Optional.empty());
  }

  /** A worker whose maps all wait at {@code gate} until the test opens it. */
  static StagingWorker gated(CountDownLatch gate) {
    return new StagingWorker(
        target -> {
          gate.await();
          return Optional.empty();
        });
  }

  static List<MapTarget> targets(int count) {
    return java.util.stream.IntStream.rangeClosed(1, count)
        .mapToObj(
            i ->
                new MapTarget(
                    String.valueOf(i),
                    "Map " + i,
                    "http://127.0.0.1:9/maps/map_" + i + ".zip",
                    "map_" + i + ".v0001",
                    Optional.empty()))
        .toList();
  }

  @Override
  public Outcome work(MapTarget target, Path outputDir, LongConsumer bytes) {
    started.incrementAndGet();
    mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
    try {
      Optional<Outcome> own = hook.before(target);
      if (own.isPresent()) {
        return own.get();
      }
      Path staging = Files.createTempDirectory(outputDir, AtomicFiles.TEMP_PREFIX + "map-");
      Path scmap = Files.write(staging.resolve(target.folder() + ".scmap"), new byte[] {1, 2, 3});
      Path scenario =
          Files.writeString(
              staging.resolve(target.folder() + "_scenario.lua"),
              "ScenarioInfo = { name = 'x' }",
              StandardCharsets.UTF_8);
      bytes.accept(3);
      MapInstaller.Staged staged =
          new MapInstaller.Staged(
              target.folder(),
              staging,
              new MapVerifier.VerifiedMap(scmap, new ScmapHeader(512, 512, 56), scenario),
              3);
      return new Outcome.Staged(
          target,
          staged,
          3,
          new ScenarioInfo(Optional.of("x"), Optional.empty(), OptionalInt.empty()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      active.decrementAndGet();
    }
  }
}
