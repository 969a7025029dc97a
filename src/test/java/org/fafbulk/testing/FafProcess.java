package org.fafbulk.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code faf.jar} as a child process, its output captured to a file. */
public final class FafProcess {
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

  public void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
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

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
