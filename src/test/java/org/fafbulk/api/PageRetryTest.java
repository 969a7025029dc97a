package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import org.fafbulk.testing.LocalHttp;
import org.fafbulk.testing.MapPages;
import org.fafbulk.testing.RawHttpServer;
import org.junit.jupiter.api.Test;

/**
 * A page whose body breaks off halfway is fetched again, and what the broken read saw does not
 * count: the retried page is not taken for one that adds no new map.
 */
class PageRetryTest {
  @Test
  void aPageCutOffAfterItsMapsIsReadAgainFromNothing() throws Exception {
    byte[] body =
        MapPages.page().totalRecords(2).map(1).map(2).json().getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.api+json\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    // the first answer ends after data, with every map id read, and before included
    int cut = new String(body, StandardCharsets.UTF_8).indexOf("\"included\"");
    AtomicInteger answers = new AtomicInteger();
    RawHttpServer.Script script =
        out -> {
          out.write(head.getBytes(StandardCharsets.ISO_8859_1));
          out.write(body, 0, answers.getAndIncrement() == 0 ? cut : body.length);
          out.flush();
        };

    try (RawHttpServer server = new RawHttpServer(script)) {
      FafApiClient client =
          new FafApiClient(
              LocalHttp.client(),
              new ObjectMapper(),
              HttpUrl.get(server.url("/")),
              TokenProvider.none(),
              LocalHttp.FAST_RETRY);
      List<String> ids = new ArrayList<>();
      client
          .listMaps(MapFilter.ALL, OptionalLong.empty())
          .forEachRemaining(map -> ids.add(map.id()));

      assertThat(ids).containsExactly("1", "2");
      assertThat(server.requests()).isEqualTo(2);
    }
  }
}
