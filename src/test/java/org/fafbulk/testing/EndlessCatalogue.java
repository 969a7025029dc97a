package org.fafbulk.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A hostile {@code /data/map} for WireMock: every page full of new maps (ids from its number and
 * size), none with a visible version, and a total of 10^12, so a client that trusts it pages for
 * ever. Register an instance as an extension and answer with {@link #NAME} as the transformer.
 */
public final class EndlessCatalogue implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "endless-catalogue";
  public static final long CLAIMED_TOTAL = 1_000_000_000_000L;

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    int size = Integer.parseInt(event.getRequest().queryParameter("page[size]").firstValue());
    int number = Integer.parseInt(event.getRequest().queryParameter("page[number]").firstValue());
    MapPages page = MapPages.page().totalRecords(CLAIMED_TOTAL);
    for (int i = 1; i <= size; i++) {
      page.mapWithoutVisibleVersion((number - 1) * size + i);
    }
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(200)
        .withHeader("Content-Type", "application/vnd.api+json")
        .withBody(page.json())
        .build();
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }
}
