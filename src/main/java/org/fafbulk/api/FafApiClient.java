package org.fafbulk.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.fafbulk.Errors;
import org.fafbulk.FafException;
import org.fafbulk.http.RetryPolicy;

/**
 * Finds maps through FAF's JSON:API ({@code /data/map}, {@code /data/mapVersion}): filters go to
 * the server as RSQL, pages are fetched lazily, and transient errors are retried.
 */
public final class FafApiClient {
  public static final String DEFAULT_URL = "https://api.faforever.com";
  public static final int MAX_PAGE_SIZE = 10_000;

  static final String CREDENTIALS_HELP =
      "the FAF API needs credentials since late 2023: set FAF_API_TOKEN (or --token), or"
          + " FAF_CLIENT_ID and FAF_CLIENT_SECRET for the client-credentials grant (or put them in"
          + " ~/.faf/credentials.yaml, chmod 600); or use"
          + " --url-file, which downloads from the content server without any";

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final HttpUrl baseUrl;
  private final TokenProvider tokens;
  private final RetryPolicy retry;
  private int requests;

  public FafApiClient(
      OkHttpClient http,
      ObjectMapper json,
      HttpUrl baseUrl,
      TokenProvider tokens,
      RetryPolicy retry) {
    this.http = ApiHttp.builder(http).build(); // the token never follows a redirect elsewhere
    this.json = json;
    this.baseUrl = baseUrl;
    this.tokens = tokens;
    this.retry = retry;
  }

  /**
   * Lists the maps matching {@code filter} in map-id order, at most {@code limit}. The first page
   * is fetched now (it carries the total); the rest as the listing is consumed.
   */
  public MapListing listMaps(MapFilter filter, OptionalLong limit) {
    return listMaps(filter, limit, () -> false);
  }

  /** As {@link #listMaps(MapFilter, OptionalLong)}, ending early once {@code stop} says so. */
  public MapListing listMaps(MapFilter filter, OptionalLong limit, BooleanSupplier stop) {
    int pageSize = (int) Math.min(MAX_PAGE_SIZE, Math.max(1, limit.orElse(MAX_PAGE_SIZE)));
    return new MapListing(this, filter, limit, pageSize, stop);
  }

  /** The map version with this folder name, with its map. */
  public Optional<FafMap> findByFolderName(String folderName) {
    HttpUrl url =
        baseUrl
            .newBuilder()
            .addPathSegments("data/mapVersion")
            .addQueryParameter("include", "map,map.author")
            .addQueryParameter("filter", "folderName==" + quote(folderName))
            .addQueryParameter("page[size]", "1")
            .build();
    return JsonApi.versionsWithMaps(get(url)).stream().findFirst();
  }

  /** The map with this id, with its latest version. */
  public Optional<FafMap> findById(String id) {
    HttpUrl url =
        baseUrl
            .newBuilder()
            .addPathSegments("data/map")
            .addQueryParameter("include", "latestVersion,author")
            .addQueryParameter("filter", "id==" + quote(id))
            .build();
    return JsonApi.mapsWithLatestVersion(get(url)).maps().stream().findFirst();
  }

  /** Requests made so far, for tests and the benchmark. */
  public synchronized int requestCount() {
    return requests;
  }

  JsonApi.MapPage page(MapFilter filter, int pageNumber, int pageSize) {
    HttpUrl.Builder url =
        baseUrl
            .newBuilder()
            .addPathSegments("data/map")
            .addQueryParameter("include", "latestVersion,author")
            .addQueryParameter("sort", "id")
            .addQueryParameter("page[size]", Integer.toString(pageSize))
            .addQueryParameter("page[number]", Integer.toString(pageNumber));
    String rsql = filter.toRsql();
    if (!rsql.isEmpty()) {
      url.addQueryParameter("filter", rsql);
    }
    if (pageNumber == 1) {
      url.addQueryParameter("page[totals]", null);
    }
    return JsonApi.mapsWithLatestVersion(get(url.build()));
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private JsonApi.Document get(HttpUrl url) {
    boolean renewed = false;
    for (int attempt = 1; ; attempt++) {
      Request.Builder request =
          new Request.Builder().url(url).header("Accept", "application/vnd.api+json");
      tokens.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
      synchronized (this) {
        requests++;
      }
      Optional<Duration> retryAfter = Optional.empty();
      String problem;
      try (Response response = http.newCall(request.build()).execute()) {
        int code = response.code();
        if (code == 401 || code == 403) {
          if (code == 401 && tokens.hasCredentials() && !renewed) {
            tokens.invalidate();
            renewed = true;
            attempt--;
            continue;
          }
          throw new FafException(
              org.fafbulk.ExitCodes.FATAL,
              (tokens.hasCredentials()
                      ? "the FAF API refused the credentials (HTTP " + code + "): "
                      : "the FAF API answered HTTP " + code + ": ")
                  + CREDENTIALS_HELP);
        }
        if (response.isSuccessful()) {
          return parse(url, code, response);
        }
        problem =
            "HTTP "
                + code
                + (response.isRedirect() ? " (" + response.message() + ")" : "")
                + errorDetail(response);
        if (!RetryPolicy.isRetryable(code)) {
          throw FafException.fatal("the FAF API answered " + problem + " for " + url, null);
        }
        retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), Instant.now());
      } catch (ResponseLimit.TooLarge e) {
        throw FafException.fatal(
            "the FAF API sent too much for " + url + " (" + e.getMessage() + ")", e);
      } catch (JsonProcessingException e) {
        throw FafException.fatal(
            "the FAF API sent malformed JSON for " + url + ": " + e.getOriginalMessage(), e);
      } catch (IOException e) {
        problem = Errors.describe(e);
      }
      if (attempt >= retry.maxAttempts() || !RetryPolicy.sleep(retry.delay(attempt, retryAfter))) {
        throw FafException.fatal(
            "cannot reach the FAF API at "
                + baseUrl
                + " ("
                + problem
                + (attempt == 1 ? "" : "; gave up after " + attempt + " attempts")
                + "); check --api-url and your connection",
            null);
      }
    }
  }

  private JsonApi.Document parse(HttpUrl url, int code, Response response) throws IOException {
    JsonApi.Document doc;
    try (JsonParser parser = json.createParser(response.body().byteStream())) {
      doc = JsonApi.read(parser);
    } catch (JsonApi.NotADocument e) {
      throw FafException.fatal(
          "the FAF API sent a response that is not a JSON:API document for "
              + url
              + " (HTTP "
              + code
              + ")",
          e);
    }
    if (doc.hasErrors()) {
      throw FafException.fatal(
          "the FAF API reported an error for " + url + " (HTTP " + code + "): " + doc.errors(),
          null);
    }
    return doc;
  }

  private String errorDetail(Response response) {
    try {
      String body = response.peekBody(64 * 1024).string();
      JsonNode node = json.readTree(body);
      return node != null && node.has("errors")
          ? " (" + JsonApi.errors(node.get("errors")) + ")"
          : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
