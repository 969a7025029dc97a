package org.fafbulk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.api.FafMap;
import org.fafbulk.bulk.InstalledMapRecord;
import org.fafbulk.bulk.Units;
import org.fafbulk.bulk.UrlFileTargets;
import org.fafbulk.download.ArchiveFetcher;
import org.fafbulk.download.ArchiveLimits;
import org.fafbulk.download.DownloadedArchive;
import org.fafbulk.download.FolderNames;
import org.fafbulk.download.MapFailure;
import org.fafbulk.download.MapInstaller;
import org.fafbulk.http.RetryPolicy;
import org.fafbulk.state.JsonFiles;
import org.fafbulk.state.MapsIndex;
import org.fafbulk.state.OutputLock;
import org.fafbulk.state.StateFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code faf download-map}: downloads, verifies and installs one map, recorded in maps.json. */
@Command(
    name = "download-map",
    mixinStandardHelpOptions = true,
    description = {
      "Downloads one map, verifies it, installs it as DIR/<folder> and records it in DIR/maps.json.",
      "",
      "Examples:",
      "  faf download-map theta_passage_5.v0001 --output-dir /data/maps   (no credentials needed)",
      "  faf download-map https://content.faforever.com/maps/theta_passage_5.v0001.zip",
      "  faf download-map 4321 --output-dir /data/maps                    (map id: asks the API)",
      ""
    },
    footer = ExitCodes.HELP)
final class DownloadMapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FafCommand parent;

  @Parameters(
      paramLabel = "MAP",
      description = "A folder name (theta_passage_5.v0001), a map id (digits) or an archive URL.")
  String map;

  @Option(
      names = {"-o", "--output-dir"},
      paramLabel = "DIR",
      defaultValue = "maps",
      description = "Where the map folder goes (default: ./${DEFAULT-VALUE}).")
  Path outputDir;

  @Option(
      names = "--content-url",
      paramLabel = "URL",
      description =
          "Content server for a folder name (env FAF_CONTENT_URL; default "
              + UrlFileTargets.DEFAULT_CONTENT_URL
              + ").")
  String contentUrl;

  @Mixin ApiOptions api;
  @Mixin NetworkOptions network;
  @Mixin Verbosity verbosity;

  @Override
  @SuppressWarnings("try") // the lock is held while installing, never referenced
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    RetryPolicy retry = network.retryPolicy();
    OkHttpClient http = network.http(1);
    Source source = resolve(http, retry);
    Path dir = outputDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw FafException.fatal(
          "cannot create the output directory " + dir + ": " + e.getMessage(), e);
    }
    try (OutputLock lock = OutputLock.acquire(dir)) {
      if (source.folder().isPresent() && Files.isDirectory(dir.resolve(source.folder().get()))) {
        out.println(source.folder().get() + " is already present in " + dir);
        return ExitCodes.OK;
      }
      ArchiveFetcher fetcher =
          new ArchiveFetcher(http, retry, ArchiveLimits.DEFAULT.maxUncompressedBytes());
      try (DownloadedArchive fetched =
          fetcher.fetch(ArchiveFetcher.parseUrl(source.url()), dir, n -> {})) {
        install(fetched, source, dir, out);
        return ExitCodes.OK;
      }
    } catch (MapFailure e) {
      if (e.kind() == MapFailure.Kind.DISK_FULL) {
        throw new FafException(ExitCodes.FATAL, map + ": " + e.getMessage());
      }
      spec.commandLine().getErr().println("faf: " + map + ": " + e.getMessage());
      return ExitCodes.SOME_FAILED;
    }
  }

  /** Installs the fetched archive, records it in maps.json and says so. */
  private void install(DownloadedArchive fetched, Source source, Path dir, PrintWriter out)
      throws IOException, MapFailure {
    MapInstaller.Installed installed =
        new MapInstaller(ArchiveLimits.DEFAULT).install(fetched, dir, source.folder());
    try {
      InstalledMapRecord.write(
          new JsonFiles(parent.json),
          dir,
          source.url(),
          source.metadata(),
          installed,
          fetched.bytes(),
          Clock.systemUTC());
    } catch (StateFileException e) {
      throw e; // its message already says which file, what is wrong and what to do
    } catch (IOException e) {
      throw FafException.fatal(
          "installed "
              + installed.path()
              + " but cannot record it in "
              + dir.resolve(MapsIndex.FILE_NAME)
              + ": "
              + e.getMessage(),
          e);
    }
    out.printf(
        "installed %s (%s, scmap v%d, %s) into %s%n",
        installed.folder(),
        Units.km((int) installed.map().header().width()),
        installed.map().header().minorVersion(),
        Units.bytes(fetched.bytes()),
        installed.path());
  }

  /** Where the archive is, and the folder it installs as when that is known beforehand. */
  private record Source(String url, Optional<String> folder, Optional<FafMap> metadata) {
    Source(String url, Optional<String> folder) {
      this(url, folder, Optional.empty());
    }
  }

  private Source resolve(OkHttpClient http, RetryPolicy retry) {
    if (map.contains("://")) {
      if (HttpUrl.parse(map) == null) {
        throw FafException.usage("'" + map + "' is not an http or https URL");
      }
      String folder = FolderNames.fromUrlOrName(map);
      return new Source(map, FolderNames.isSafe(folder) ? Optional.of(folder) : Optional.empty());
    }
    if (map.chars().allMatch(Character::isDigit)) {
      FafMap found =
          api.client(parent.env, http, parent.json, retry)
              .findById(map)
              .orElseThrow(
                  () ->
                      new FafException(
                          ExitCodes.SOME_FAILED, "the FAF API knows no map with id " + map));
      String folder = requireSafe(found.latestVersion().folderName());
      return new Source(
          found.latestVersion().downloadUrl(), Optional.of(folder), Optional.of(found));
    }
    Optional<String> problem = FolderNames.problem(map);
    if (problem.isPresent()) {
      throw FafException.usage("'" + map + "' is not a folder name: it " + problem.get());
    }
    HttpUrl base = ApiOptions.parse("--content-url", Selection.contentUrl(contentUrl, parent.env));
    String url =
        base.newBuilder().addPathSegment("maps").addPathSegment(map + ".zip").build().toString();
    return new Source(url, Optional.of(map));
  }

  /**
   * {@code folder}, the API's folder name for the map, once it is safe: it comes from a server, so
   * it is checked before it is joined to any path, even to look.
   */
  private String requireSafe(String folder) {
    Optional<String> problem = FolderNames.problem(folder);
    if (problem.isPresent()) {
      throw new FafException(
          ExitCodes.SOME_FAILED,
          "map "
              + map
              + ": the API's folder name '"
              + FolderNames.printable(folder)
              + "' "
              + problem.get()
              + "; nothing was installed");
    }
    return folder;
  }
}
