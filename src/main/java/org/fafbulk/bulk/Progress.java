package org.fafbulk.bulk;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.fafbulk.Printable;

/**
 * Shows maps done of the whole selection, bytes, rate and ETA: a bar redrawn in place on a
 * terminal, one line per finished map otherwise, so that logs stay readable. Maps skipped because
 * they are already present are counted in one line per run of them, not one line each: a resumed
 * run over 20,000 maps would otherwise log 20,000 lines that say nothing.
 */
final class Progress {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int BAR_WIDTH = 24;

  private final PrintWriter out;
  private final boolean terminal;
  private final boolean quiet;
  private final long startNanos = System.nanoTime();
  private final AtomicLong bytes = new AtomicLong();
  private OptionalLong total = OptionalLong.empty();
  private long done;
  private long fetched;
  private long lastDraw;
  private int lastWidth;
  private long pendingSkips;

  Progress(PrintWriter out, boolean terminal, boolean quiet) {
    this.out = out;
    this.terminal = terminal;
    this.quiet = quiet;
  }

  void start(OptionalLong expected) {
    this.total = expected;
  }

  /** Called by workers as bytes arrive; negative when an attempt is abandoned. */
  void addBytes(long n) {
    bytes.addAndGet(n);
  }

  long bytes() {
    return bytes.get();
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** One map finished: {@code verb} is downloaded, skipped or failed. */
  void finished(String verb, MapTarget target, String detail, boolean wasFetched) {
    boolean skip = verb.equals("skipped");
    if (!terminal && !quiet && !skip) {
      reportSkips(); // before this map counts, so that the line shows where the skips ended
    }
    done++;
    if (wasFetched) {
      fetched++;
    }
    if (quiet) {
      return;
    }
    if (terminal) {
      if (verb.equals("failed")) {
        clearLine();
        out.println("failed " + Printable.of(target.folder()) + ": " + Printable.of(detail));
      }
      draw(true);
    } else if (skip) {
      pendingSkips++;
    } else {
      out.println(
          status()
              + "  "
              + verb
              + " "
              + Printable.of(target.folder())
              + (detail.isEmpty() ? "" : " (" + Printable.of(detail) + ")"));
      out.flush();
    }
  }

  /** Redraws the bar if it is due (terminal only). */
  void refresh() {
    if (terminal && !quiet) {
      draw(false);
    }
  }

  private void reportSkips() {
    if (pendingSkips > 0) {
      out.println(
          status()
              + "  skipped "
              + pendingSkips
              + (pendingSkips == 1 ? " map" : " maps")
              + " (already present)");
      pendingSkips = 0;
    }
  }

  void end() {
    if (!terminal && !quiet) {
      reportSkips();
      out.flush();
    }
    if (terminal && !quiet) {
      draw(true);
      out.println();
      out.flush();
    }
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    String bar = "";
    if (total.isPresent() && total.getAsLong() > 0) {
      int filled = (int) (BAR_WIDTH * Math.min(1.0, (double) done / total.getAsLong()));
      bar = "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] ";
    }
    String line = bar + status();
    out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
    lastWidth = line.length();
    out.flush();
  }

  private void clearLine() {
    out.print("\r" + " ".repeat(lastWidth) + "\r");
    lastWidth = 0;
  }

  private String status() {
    Duration elapsed = elapsed();
    String count = done + "/" + (total.isPresent() ? Long.toString(total.getAsLong()) : "?");
    String eta = "";
    if (total.isPresent() && fetched > 0 && done < total.getAsLong()) {
      double perMap = (double) elapsed.toMillis() / done;
      eta =
          " · ETA "
              + Units.duration(Duration.ofMillis((long) (perMap * (total.getAsLong() - done))));
    }
    return String.format(
        Locale.ROOT,
        "%s maps · %s · %s%s",
        count,
        Units.bytes(bytes.get()),
        Units.rate(bytes.get(), elapsed),
        eta);
  }
}
