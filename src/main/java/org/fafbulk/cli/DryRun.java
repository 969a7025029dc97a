package org.fafbulk.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.fafbulk.ExitCodes;
import org.fafbulk.Printable;
import org.fafbulk.api.MapVersion;
import org.fafbulk.bulk.MapTarget;
import org.fafbulk.bulk.TargetSource;
import org.fafbulk.bulk.Units;

/** {@code --dry-run}: lists the selection and downloads nothing. */
final class DryRun {
  private DryRun() {}

  static int print(TargetSource targets, PrintWriter out) {
    // A limit below the number of matches is what makes the selection smaller: say so. (Maps
    // without a visible version count as matches on the server but are never selected.)
    boolean limited =
        targets.expected().isPresent()
            && targets.matching().isPresent()
            && targets.expected().getAsLong() < targets.matching().getAsLong();
    long count = 0;
    while (targets.hasNext()) {
      printLine(targets.next(), out);
      count++;
    }
    if (limited) {
      out.printf(
          Locale.ROOT,
          "%d of %d matching maps selected (the first in map-id order); dry run, nothing"
              + " downloaded%n",
          count,
          targets.matching().getAsLong());
    } else {
      out.printf(
          Locale.ROOT,
          "%d map%s selected; dry run, nothing downloaded%n",
          count,
          count == 1 ? "" : "s");
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void printLine(MapTarget target, PrintWriter out) {
    String detail =
        target
            .metadata()
            .map(
                m -> {
                  MapVersion v = m.latestVersion();
                  return String.format(
                      Locale.ROOT,
                      "%-9s %2d players  %s",
                      Units.km(Math.max(v.width(), v.height())),
                      v.maxPlayers(),
                      m.displayName());
                })
            .orElse(target.url());
    out.printf(
        Locale.ROOT,
        "%-8s %-40s %s%n",
        Printable.of(target.id()),
        Printable.of(target.folder()),
        Printable.of(detail));
  }
}
