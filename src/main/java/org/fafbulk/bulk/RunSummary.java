package org.fafbulk.bulk;

import java.time.Duration;

/** The end of a run in figures, for people and for {@code --json}. */
public record RunSummary(
    int downloaded,
    int skipped,
    int failed,
    long total,
    long bytes,
    Duration elapsed,
    boolean interrupted) {}
