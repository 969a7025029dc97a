package org.fafbulk.bulk;

/**
 * Asks a run to stop: first gracefully (start nothing new, let running downloads finish), then, on
 * a second request, at once.
 */
public final class StopSignal {
  private volatile int requests;

  /** Records one more request to stop; returns how many there have been. */
  public synchronized int request() {
    return ++requests;
  }

  public boolean stopRequested() {
    return requests >= 1;
  }

  public boolean abandonRequested() {
    return requests >= 2;
  }
}
