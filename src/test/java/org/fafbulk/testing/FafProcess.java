package org.fafbulk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code faf.jar} as a child process, its output captured to a file. */
public final class FafProcess {
  /**
   * How long a wait may last before the test is taken to hang. Not a speed check: each wait ends on
   * a condition, and only a process that is stuck comes near this.
   */
  public static final Duration HANG_GUARD = Duration.ofMinutes(3);

  private final Process process;
  private final Path log;

  private FafProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  private static Path jar() {
    String jar = System.getProperty("faf.jar", "target/faf.jar");
    Path path = Path.of(jar);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("no " + path + ": run the integration tests with mvn verify");
    }
    return path;
  }

  /**
   * Starts {@code java -jar faf.jar args...} with no input, its stdout and stderr both to {@code
   * log}, and without the developer's own {@code FAF_} settings.
   */
  public static FafProcess start(Path log, String... args) throws IOException {
    return start(log, List.of(), args);
  }

  /** As {@link #start(Path, String...)}, with more JVM options (say, a small heap). */
  public static FafProcess start(Path log, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    // Never let a developer's real FAF settings (a token, an API URL) reach the child.
    builder.environment().keySet().removeIf(name -> name.startsWith("FAF_"));
    return new FafProcess(builder.start(), log);
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM, as {@code docker stop} or a service manager sends it. */
  public void terminate() {
    process.destroy();
  }

  /** SIGINT, as Ctrl-C in a terminal sends it. */
  public void interrupt() {
    Posix.C.kill(Math.toIntExact(process.pid()), Posix.SIGINT);
  }

  /** SIGKILL, and waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * The exit code; a process still running after {@link #HANG_GUARD} is killed and the code is -1.
   */
  public int waitFor() throws InterruptedException {
    return waitFor(HANG_GUARD.toSeconds());
  }

  /** The exit code, or -1 when the process did not end within {@code seconds}. */
  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      return -1;
    }
    return process.exitValue();
  }

  /** Waits until the output holds {@code text}; fails with the output if the process ends first. */
  public void awaitOutput(String text) throws Exception {
    awaitWhileRunning(() -> output().contains(text));
    assertThat(output()).as("faf's output, waiting for '%s'", text).contains(text);
  }

  /** Waits until {@code condition} holds or the process has ended; returns whether it holds. */
  public boolean awaitWhileRunning(Callable<Boolean> condition) throws Exception {
    await()
        .atMost(HANG_GUARD)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !process.isAlive() || Boolean.TRUE.equals(condition.call()));
    return Boolean.TRUE.equals(condition.call());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
