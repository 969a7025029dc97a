package org.fafbulk.check;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.fafbulk.download.FolderNames;
import org.fafbulk.download.MapFailure;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.state.AtomicFiles;
import org.fafbulk.state.Checkpoint;
import org.fafbulk.state.CheckpointStore;
import org.fafbulk.state.FlushSchedule;
import org.fafbulk.state.JsonFiles;
import org.fafbulk.state.MapRecord;
import org.fafbulk.state.MapsIndex;

/**
 * Re-checks an output directory after the fact: every map folder against {@link MapVerifier}, and
 * every completed map for a folder; repairing moves broken folders aside (never deleting them) and
 * drops both kinds from checkpoint.json and maps.json so that the next run fetches them again.
 */
public final class OutputCheck {
  /** Where repair moves broken folders; a dot name, so that it is never taken for a map. */
  public static final String BROKEN_DIR = ".faf-broken";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private OutputCheck() {}

  /** What is wrong with one folder or one completed map. */
  public record Problem(Kind kind, String folder, Set<String> ids, String detail) {
    /** A folder that is there but not a valid map, or a completed map whose folder is gone. */
    public enum Kind {
      BROKEN,
      MISSING
    }

    public Problem {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(folder, "folder");
      ids = Set.copyOf(ids);
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The folders checked and the problems found, broken folders first, each sorted. */
  public record Report(int folders, List<Problem> problems) {
    public Report {
      problems = List.copyOf(problems);
    }

    public long count(Problem.Kind kind) {
      return problems.stream().filter(p -> p.kind() == kind).count();
    }
  }

  public static Report check(JsonFiles json, Path dir) throws IOException {
    Map<String, Set<String>> idsByFolder = new HashMap<>();
    Map<String, String> folderById = new HashMap<>();
    for (MapRecord record : MapsIndex.load(json, dir)) {
      idsByFolder.computeIfAbsent(record.folder(), f -> new TreeSet<>()).add(record.id());
      folderById.put(record.id(), record.folder());
    }
    List<Path> folders = mapFolders(dir);
    List<Problem> problems = broken(folders, idsByFolder);
    problems.addAll(missing(dir, CheckpointStore.load(json, dir), folderById));
    return new Report(folders.size(), problems);
  }

  /** The folders that are not valid maps, in the order of {@code folders}. */
  private static List<Problem> broken(List<Path> folders, Map<String, Set<String>> idsByFolder) {
    List<Problem> problems = new ArrayList<>();
    for (Path folder : folders) {
      String name = folder.getFileName().toString();
      Optional<String> broken = brokenBecause(folder);
      if (broken.isPresent()) {
        Set<String> ids = new TreeSet<>(idsByFolder.getOrDefault(name, Set.of()));
        ids.add(name); // URL-file maps are known by their folder
        problems.add(new Problem(Problem.Kind.BROKEN, name, ids, broken.get()));
      }
    }
    return problems;
  }

  /** The completed maps whose folder is gone, sorted by folder. */
  private static List<Problem> missing(
      Path dir, Optional<Checkpoint> checkpoint, Map<String, String> folderById) {
    Set<String> completed = new LinkedHashSet<>();
    checkpoint.ifPresent(c -> completed.addAll(c.completed()));
    completed.addAll(folderById.keySet());
    // URL-file maps are known by their folder; a FAF map id without a maps.json record (the
    // checkpoint is written more often than the index, or the directory predates maps.json) names
    // no folder that can be checked here. bulk-download itself fetches such a map again when its
    // folder is gone.
    boolean idsAreFolders = checkpoint.map(c -> c.urlFile().isPresent()).orElse(false);
    List<Problem> missing = new ArrayList<>();
    for (String id : completed) {
      String folder = folderById.getOrDefault(id, idsAreFolders ? id : null);
      if (folder != null
          && (!FolderNames.isSafe(folder) || !Files.isDirectory(dir.resolve(folder)))) {
        missing.add(
            new Problem(
                Problem.Kind.MISSING,
                folder,
                Set.of(id),
                "completed, but its folder " + folder + " is missing"));
      }
    }
    missing.sort(Comparator.comparing(Problem::folder));
    return missing;
  }

  /**
   * Moves every broken folder into {@value #BROKEN_DIR} and drops every problem's ids from
   * checkpoint.json and maps.json; the caller holds the output directory's lock. Returns where each
   * broken folder went, relative to {@code dir}.
   */
  public static List<String> repair(JsonFiles json, Path dir, Report report, Clock clock)
      throws IOException {
    List<String> moved = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Problem problem : report.problems()) {
      ids.addAll(problem.ids());
      if (problem.kind() == Problem.Kind.BROKEN) {
        Path aside = asideName(dir, problem.folder(), clock);
        AtomicFiles.move(dir.resolve(problem.folder()), aside);
        moved.add(dir.relativize(aside).toString());
      }
    }
    FlushSchedule now = new FlushSchedule(Duration.ZERO);
    Optional<Checkpoint> checkpoint = CheckpointStore.load(json, dir);
    if (checkpoint.isPresent() && ids.stream().anyMatch(checkpoint.get().completed()::contains)) {
      CheckpointStore store = new CheckpointStore(json, dir, clock, now, checkpoint.get());
      ids.forEach(store::forget);
      store.flush();
    }
    try (MapsIndex index = new MapsIndex(json, dir, clock, now)) {
      ids.forEach(index::forget);
      index.flush();
    }
    return moved;
  }

  private static Path asideName(Path dir, String folder, Clock clock) throws IOException {
    Path broken = Files.createDirectories(dir.resolve(BROKEN_DIR));
    String base = folder + "-" + STAMP.format(clock.instant());
    Path aside = broken.resolve(base);
    for (int n = 2; Files.exists(aside); n++) {
      aside = broken.resolve(base + "-" + n);
    }
    return aside;
  }

  private static Optional<String> brokenBecause(Path folder) {
    try {
      MapVerifier.verify(folder);
      return Optional.empty();
    } catch (MapFailure e) {
      return Optional.of(e.getMessage());
    } catch (IOException e) {
      return Optional.of("cannot be read: " + e.getMessage());
    }
  }

  /** The folders in {@code dir} that can be maps: the tool's own start with a dot. */
  private static List<Path> mapFolders(Path dir) throws IOException {
    List<Path> folders = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry) && !entry.getFileName().toString().startsWith(".")) {
          folders.add(entry);
        }
      }
    }
    folders.sort(Comparator.naturalOrder());
    return folders;
  }
}
