package org.fafbulk.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fafbulk.ExitCodes;
import org.fafbulk.bulk.StopSignal;

/**
 * Turns Ctrl-C and SIGTERM into a graceful stop: no new downloads start, running ones get a few
 * seconds to finish, the state files are brought up to date, the summary is printed, and the
 * process exits 130.
 */
final class Interruption implements AutoCloseable {
  static final Duration GRACE = Duration.ofSeconds(5);
  private static final Duration ABANDON = Duration.ofSeconds(3);

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private Interruption(StopSignal stop, PrintWriter out, PrintWriter err) {
    this.hook =
        new Thread(
            () -> {
              stop.request();
              err.println("faf: stopping; letting running downloads finish");
              err.flush();
              try {
                if (!finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                  stop.request();
                  finished.await(ABANDON.toMillis(), TimeUnit.MILLISECONDS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              out.flush();
              err.flush();
              Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            },
            "faf-interrupt");
  }

  static Interruption install(StopSignal stop, PrintWriter out, PrintWriter err) {
    Interruption interruption = new Interruption(stop, out, err);
    Runtime.getRuntime().addShutdownHook(interruption.hook);
    return interruption;
  }

  /** The run has ended and its summary is printed; an interrupted process may now exit. */
  void finished() {
    finished.countDown();
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running and will end the process with exit code 130
    }
  }
}
