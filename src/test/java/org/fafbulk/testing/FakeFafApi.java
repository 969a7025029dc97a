package org.fafbulk.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A FAF-like {@code /data/map} endpoint in WireMock: a JSON:API catalogue of {@link MapPages},
 * paged by {@code page[size]} and {@code page[number]} the way Elide pages. It ignores {@code
 * filter}: a test publishes the maps its filter would select and checks the filter the server
 * received. Register an instance as a WireMock extension, then {@link #publish} the catalogue.
 */
public final class FakeFafApi implements ResponseDefinitionTransformerV2 {
  private static final String NAME = "fake-faf-map-catalogue";

  private volatile List<VaultMap> maps = List.of();

  /** Maps "1".."count", their archives on the server at {@code baseUrl}. */
  public static List<VaultMap> catalogue(int count, String baseUrl) {
    List<VaultMap> maps = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      maps.add(VaultMap.numbered(n, baseUrl));
    }
    return maps;
  }

  /** Makes {@code server} answer {@code /data/map} from {@code catalogue}. */
  public void publish(Stubbing server, List<VaultMap> catalogue) {
    this.maps = List.copyOf(catalogue);
    server.stubFor(get(urlPathEqualTo("/data/map")).willReturn(aResponse().withTransformers(NAME)));
  }

  /** Serves a valid archive for each map at its {@link VaultMap#archivePath()}. */
  public static void serveArchives(Stubbing server, List<VaultMap> catalogue) {
    for (VaultMap map : catalogue) {
      serveArchive(server, map.archivePath(), MapArchives.valid(map.folder()));
    }
  }

  public static void serveArchive(Stubbing server, String path, byte[] zip) {
    server.stubFor(
        get(path)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/zip")
                    .withBody(zip)));
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    int size = intParam(request, "page[size]", 500);
    int number = intParam(request, "page[number]", 1);
    List<VaultMap> all = maps;
    int from = (int) Math.min(all.size(), (long) (number - 1) * size);
    int to = (int) Math.min(all.size(), (long) from + size);
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(200)
        .withHeader("Content-Type", "application/vnd.api+json")
        .withBody(page(all.subList(from, to), all.size(), size, number))
        .build();
  }

  private static String page(List<VaultMap> maps, int total, int size, int number) {
    MapPages page = MapPages.page().paging(number, size, total);
    maps.forEach(page::map);
    return page.json();
  }

  private static int intParam(Request request, String name, int fallback) {
    QueryParameter param = request.queryParameter(name);
    return param.isPresent() ? Integer.parseInt(param.firstValue()) : fallback;
  }
}
