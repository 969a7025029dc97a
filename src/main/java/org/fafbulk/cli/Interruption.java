package org.fafbulk.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fafbulk.ExitCodes;
import org.fafbulk.bulk.StopSignal;

/**
 * Turns Ctrl-C and SIGTERM into a graceful stop while a run goes on: the first stops new downloads
 * and lets running ones finish, the second abandons them at once, and either way the state files
 * are brought up to date and the process exits 130. A third ends the process.
 */
final class Interruption implements AutoCloseable {
  /** How long an abandoned run may take to write its state before the process is ended. */
  static final Duration ABANDON_GRACE = Duration.ofSeconds(5);

  private static final List<String> SIGNALS = List.of("INT", "TERM");

  private final StopSignal stop;
  private final PrintWriter err;
  private final Map<Object, Object> previousHandlers = new LinkedHashMap<>();
  private Method handleMethod;

  private Interruption(StopSignal stop, PrintWriter err) {
    this.stop = stop;
    this.err = err;
  }

  /**
   * Installs the handlers. They go through reflection because sun.misc.Signal, the only way to see
   * a second Ctrl-C (a shutdown hook sees just the first), is not public API.
   */
  static Interruption install(StopSignal stop, PrintWriter err) {
    Interruption interruption = new Interruption(stop, err);
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal =
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              interruption.signalled();
              return null;
            }
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> "faf interruption handler";
            };
          };
      Object handler =
          Proxy.newProxyInstance(
              Interruption.class.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
      interruption.handleMethod = signalClass.getMethod("handle", signalClass, handlerClass);
      for (String name : SIGNALS) {
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        interruption.previousHandlers.put(
            signal, interruption.handleMethod.invoke(null, signal, handler));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Without signal handling the JVM's default applies: the process ends, and the next run
      // cleans up and counts what was complete.
    }
    return interruption;
  }

  private void signalled() {
    int count = stop.request();
    if (count == 1) {
      err.println(
          "faf: stopping: no new downloads; running ones finish (Ctrl-C again to abandon them)");
    } else if (count == 2) {
      err.println("faf: abandoning running downloads");
      Thread watchdog =
          new Thread(
              () -> {
                try {
                  Thread.sleep(ABANDON_GRACE.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                err.println("faf: state not written in time; exiting");
                err.flush();
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
              },
              "faf-abandon-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    } else {
      Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
    }
    err.flush();
  }

  @Override
  public void close() {
    for (Map.Entry<Object, Object> previous : previousHandlers.entrySet()) {
      try {
        handleMethod.invoke(null, previous.getKey(), previous.getValue());
      } catch (ReflectiveOperationException | RuntimeException e) {
        // the process is ending; the old handler does not matter any more
      }
    }
  }
}
