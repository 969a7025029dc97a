package org.fafbulk.bulk;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names pool threads and makes them daemons, so that they never keep the JVM alive. */
final class DaemonThreads implements ThreadFactory {
  private final String kind;
  private final AtomicInteger count = new AtomicInteger();

  DaemonThreads(String kind) {
    this.kind = kind;
  }

  @Override
  public Thread newThread(Runnable runnable) {
    Thread thread = new Thread(runnable, "faf-" + kind + "-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
