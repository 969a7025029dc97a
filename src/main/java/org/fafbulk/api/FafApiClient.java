package org.fafbulk.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.fafbulk.ExitCodes;
import org.fafbulk.FafException;
import org.fafbulk.http.HttpStatusException;
import org.fafbulk.http.RetryLoop;
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
  private final RetryLoop retry;
  private int requests;

  public FafApiClient(
      OkHttpClient http,
      ObjectMapper json,
      HttpUrl baseUrl,
      TokenProvider tokens,
      RetryPolicy retry) {
    BearerToken bearer = new BearerToken(tokens, baseUrl);
    OkHttpClient.Builder api = ApiHttp.builder(http).authenticator(bearer);
    api.interceptors().add(0, bearer); // outside Redirects, which drops it on leaving the origin
    this.http = api.build();
    this.json = json;
    this.baseUrl = baseUrl;
    this.tokens = tokens;
    this.retry = new RetryLoop(retry);
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
    return listMaps(filter, limit, stop, Optional.empty());
  }

  /**
   * As {@link #listMaps(MapFilter, OptionalLong)}, ending early once {@code stop} says so, and
   * keeping each page after the first in a scratch file in {@code pageDir} when given, not on the
   * heap. That directory must exist and be the caller's alone by the time the listing is consumed
   * (a run's locked output directory, whose clean-up removes what a killed run left); the listing
   * must then be closed, which deletes the file of a page not wholly consumed.
   */
  public MapListing listMaps(
      MapFilter filter, OptionalLong limit, BooleanSupplier stop, Optional<Path> pageDir) {
    int pageSize = (int) Math.min(MAX_PAGE_SIZE, Math.max(1, limit.orElse(MAX_PAGE_SIZE)));
    return new MapListing(this, filter, limit, pageSize, stop, pageDir);
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
    return get(url, VersionsWithMaps::new).stream().findFirst();
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
    ListedMaps maps = get(url, MapPageBuilder::new).maps(); // one map: on the heap
    return maps.isEmpty() ? Optional.empty() : Optional.of(maps.removeFirst());
  }

  /** Requests made so far (a renewal of the token not counted), for tests and the benchmark. */
  public synchronized int requestCount() {
    return requests;
  }

  /** A page of the listing, kept in a scratch file in {@code pageDir} when given. */
  JsonApi.MapPage page(MapFilter filter, int pageNumber, int pageSize, Optional<Path> pageDir) {
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
    return get(url.build(), () -> new MapPageBuilder(pageSize, pageDir));
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The document at {@code url}, read by a fresh collector on every attempt. */
  private <T> T get(HttpUrl url, Supplier<JsonApi.Collector<T>> collector) {
    try {
      return retry.run(() -> attempt(url, collector.get()), FafApiClient::classify);
    } catch (RetryLoop.GaveUp e) {
      throw FafException.fatal(
          "cannot reach the FAF API at "
              + baseUrl
              + " ("
              + e.getMessage()
              + (e.attempts() == 1 ? "" : "; gave up after " + e.attempts() + " attempts")
              + "); check --api-url and your connection");
    } catch (HttpStatusException e) {
      throw FafException.fatal("the FAF API answered " + e.getMessage() + " for " + url);
    } catch (ResponseLimit.TooLarge e) {
      throw FafException.fatal(
          "the FAF API sent too much for " + url + " (" + e.getMessage() + ")", e);
    } catch (JsonProcessingException e) {
      throw FafException.fatal(
          "the FAF API sent malformed JSON for " + url + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw FafException.fatal("cannot read the FAF API's answer for " + url, e);
    }
  }

  /** An oversized or malformed answer comes the same way again: only the rest is retried. */
  private static RetryLoop.Verdict classify(IOException failure) {
    return failure instanceof ResponseLimit.TooLarge || failure instanceof JsonProcessingException
        ? RetryLoop.Verdict.FINAL
        : RetryLoop.TRANSIENT.classify(failure);
  }

  /** One request; a document not read whole leaves nothing behind, so a retry starts afresh. */
  private <T> T attempt(HttpUrl url, JsonApi.Collector<T> collector) throws IOException {
    boolean read = false;
    try {
      T result = request(url, collector);
      read = true;
      return result;
    } finally {
      if (!read) {
        collector.discard();
      }
    }
  }

  private <T> T request(HttpUrl url, JsonApi.Collector<T> collector) throws IOException {
    synchronized (this) {
      requests++;
    }
    Request request =
        new Request.Builder().url(url).header("Accept", "application/vnd.api+json").build();
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      if (code == 401 || code == 403) {
        throw refused(code); // a 401 comes here only once BearerToken could not renew the token
      }
      if (!response.isSuccessful()) {
        String redirect = response.isRedirect() ? " (" + response.message() + ")" : "";
        throw HttpStatusException.of(response, "HTTP " + code + redirect + errorDetail(response));
      }
      return parse(url, code, response, collector);
    }
  }

  private FafException refused(int code) {
    return new FafException(
        ExitCodes.FATAL,
        (tokens.hasCredentials()
                ? "the FAF API refused the credentials (HTTP " + code + "): "
                : "the FAF API answered HTTP " + code + ": ")
            + CREDENTIALS_HELP);
  }

  private <T> T parse(HttpUrl url, int code, Response response, JsonApi.Collector<T> collector)
      throws IOException {
    JsonApi.Envelope doc;
    try (JsonParser parser = json.createParser(response.body().byteStream())) {
      doc = JsonApi.read(parser, collector);
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
          "the FAF API reported an error for "
              + url
              + " (HTTP "
              + code
              + "): "
              + doc.errorMessages());
    }
    return collector.result(doc.meta());
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
