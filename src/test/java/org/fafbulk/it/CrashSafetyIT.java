package org.fafbulk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.fafbulk.download.MapVerifier;
import org.fafbulk.testing.FafProcess;
import org.fafbulk.testing.RunOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real process with SIGKILL at random points of its progress and checks after each kill
 * that nothing half-done carries a final name, the state files parse, and nothing completed is
 * fetched again.
 */
@Tag("integration")
class CrashSafetyIT {
  private static final int MAPS = 30;
  private static final int KILLS = 20;
  private static final int MAX_ATTEMPTS = 40;
  private static final Set<String> STATE_FILES =
      Set.of("checkpoint.json", "failures.json", "maps.json", ".faf.lock");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static ThrottledServer server;
  private static ArchiveFolder archives;
  private static List<String> names;

  @BeforeAll
  static void serveArchives() throws IOException {
    archives = ArchiveFolder.generate(work, "crash", MAPS, i -> 200_000 + 10_000 * i);
    names = archives.names();
    server = new ThrottledServer(archives.folder(), 8 * 1024, 25);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static String[] args(Path out) {
    return archives.bulkDownload(server.baseUrl(), out, 4, "--flush-interval-ms", "100", "--quiet");
  }

  @Test
  void killedRunsLeaveOnlyCompleteMapsAndNeverRefetchThem() throws Exception {
    Path reference = work.resolve("reference");
    FafProcess full = FafProcess.start(work.resolve("reference.log"), args(reference));
    assertThat(full.waitFor(120)).as(full.output()).isZero();
    Map<String, String> expected = digests(reference);
    assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(names);

    Path out = work.resolve("killed");
    Random random = new Random(20261125);
    int killedMidRun = 0;
    for (int kill = 0; kill < MAX_ATTEMPTS && killedMidRun < KILLS; kill++) {
      List<String> doneBefore = mapFolders(out);
      Map<String, Integer> requestsBefore = new HashMap<>();
      doneBefore.forEach(n -> requestsBefore.put(n, server.requests(n + ".zip")));

      // Killed once the server has sent a random amount more: anywhere from the first download's
      // first chunk to well into the run, whatever the machine's speed.
      long killAt = server.bytesSent() + 1 + random.nextInt(600_000);
      FafProcess run = FafProcess.start(work.resolve("kill-" + kill + ".log"), args(out));
      run.awaitWhileRunning(() -> server.bytesSent() >= killAt);
      if (run.isAlive()) {
        killedMidRun++;
      }
      run.kill();

      String context = "after kill " + kill + ": " + run.output();
      checkInvariants(out, expected, context);
      for (String done : doneBefore) {
        assertThat(server.requests(done + ".zip"))
            .as("%s was complete before kill %d and must not be fetched again", done, kill)
            .isEqualTo(requestsBefore.get(done));
      }
    }
    assertThat(killedMidRun).as("kills that hit a running process").isGreaterThanOrEqualTo(KILLS);

    FafProcess last = FafProcess.start(work.resolve("final.log"), args(out));
    assertThat(last.waitFor(120)).as(last.output()).isZero();
    assertThat(digests(out)).isEqualTo(expected);
    try (Stream<Path> entries = Files.list(out)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".faf-tmp-"));
    }
    Set<String> completed = new TreeSet<>();
    RunOutput.checkpoint(out).get("completed").forEach(id -> completed.add(id.asText()));
    assertThat(completed).containsExactlyInAnyOrderElementsOf(names);
    assertThat(RunOutput.failures(out)).isEmpty();
  }

  private static void checkInvariants(Path out, Map<String, String> expected, String context)
      throws Exception {
    if (!Files.isDirectory(out)) {
      return;
    }
    try (Stream<Path> entries = Files.list(out)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (STATE_FILES.contains(name) || name.startsWith(".faf-tmp-")) {
          continue;
        }
        assertThat(expected).as(context).containsKey(name);
        MapVerifier.verify(entry);
        assertThat(digest(entry))
            .as("%s is complete; %s", name, context)
            .isEqualTo(expected.get(name));
      }
    }
    // A state file may not exist yet (killed before its first write), but one that exists is
    // whole: readTree gives a MissingNode, not an object or array, for an empty or cut-off file.
    Path failures = out.resolve("failures.json");
    if (Files.exists(failures)) {
      assertThat(JSON.readTree(failures.toFile()).isArray())
          .as("failures.json is a JSON array; %s", context)
          .isTrue();
    }
    Path checkpoint = out.resolve("checkpoint.json");
    if (Files.exists(checkpoint)) {
      JsonNode node = JSON.readTree(checkpoint.toFile());
      assertThat(node.isObject() && node.path("completed").isArray())
          .as("checkpoint.json is an object with a completed list; %s", context)
          .isTrue();
      for (JsonNode id : node.get("completed")) {
        assertThat(out.resolve(id.asText()))
            .as("completed %s exists; %s", id, context)
            .isDirectory();
      }
    }
  }

  /** The map folders so far; none before the first run has created {@code out}. */
  private static List<String> mapFolders(Path out) throws IOException {
    return Files.isDirectory(out) ? RunOutput.mapFolders(out) : List.of();
  }

  private static Map<String, String> digests(Path out) throws Exception {
    Map<String, String> result = new TreeMap<>();
    for (String folder : mapFolders(out)) {
      result.put(folder, digest(out.resolve(folder)));
    }
    return result;
  }

  private static String digest(Path folder) throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(
            folder.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(file));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
