package org.fafbulk.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.fafbulk.FafException;
import org.fafbulk.api.MapFilter;
import org.fafbulk.bulk.UrlFileTargets;
import org.fafbulk.state.Checkpoint;
import org.fafbulk.state.CheckpointStore;
import org.fafbulk.state.JsonFiles;
import org.fafbulk.state.StateFileException;
import picocli.CommandLine.ParameterException;

/**
 * What a bulk-download run selects, as checkpoint.json records it for {@code --resume}: the
 * filters, limit or URL file given, or those of the checkpoint.
 */
final class Selection {
  private Selection() {}

  /** The selection recorded in {@code outputDir}'s checkpoint.json, for {@code --resume}. */
  static Checkpoint resumed(
      JsonFiles json, Path outputDir, Function<String, ParameterException> usage)
      throws StateFileException {
    return CheckpointStore.load(json, outputDir)
        .orElseThrow(
            () ->
                usage.apply(
                    "--resume: there is no checkpoint.json in "
                        + outputDir
                        + "; start a run without --resume first"));
  }

  /** The filters, limit or URL file given ({@code limit} and {@code urlFile} null when not). */
  static Checkpoint given(
      FilterOptions filters, Long limit, Path urlFile, Function<String, ParameterException> usage) {
    MapFilter filter;
    try {
      filter = filters.toFilter();
    } catch (IllegalArgumentException e) {
      throw usage.apply(e.getMessage());
    }
    return new Checkpoint(
        List.of(),
        List.of(),
        Instant.now(),
        filter.toJson(),
        limit == null ? OptionalLong.empty() : OptionalLong.of(limit),
        Optional.ofNullable(urlFile).map(p -> p.toAbsolutePath().normalize().toString()));
  }

  /** The filters {@code selection} holds; exit 3 when they are not ones this tool wrote. */
  static MapFilter filter(Checkpoint selection) {
    try {
      return MapFilter.fromJson(selection.filters());
    } catch (IllegalArgumentException e) {
      throw FafException.fatal(
          "checkpoint.json holds filters this tool cannot read: " + e.getMessage(), e);
    }
  }

  /** The content server for bare folder names: {@code --content-url}, FAF_CONTENT_URL, default. */
  static String contentUrl(String option, Map<String, String> env) {
    String content =
        option != null
            ? option
            : env.getOrDefault("FAF_CONTENT_URL", UrlFileTargets.DEFAULT_CONTENT_URL);
    ApiOptions.parse("--content-url", content);
    return content;
  }
}
