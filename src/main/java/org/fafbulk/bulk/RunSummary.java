package org.fafbulk.bulk;

import java.time.Duration;

/**
 * The end of a run in figures, for people and for {@code --json}. {@code bookkeeping} is the time
 * spent loading and writing the state files (checkpoint.json, failures.json, maps.json).
 */
public record RunSummary(
    int downloaded,
    int skipped,
    int failed,
    long total,
    long bytes,
    Duration elapsed,
    Duration bookkeeping,
    boolean interrupted) {}
