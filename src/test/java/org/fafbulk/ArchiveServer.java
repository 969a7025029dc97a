package org.fafbulk;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fafbulk.testing.MapArchives;

/** A content server on 127.0.0.1 that serves map archives at {@code /maps/<folder>.zip}. */
public final class ArchiveServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> archives = new ConcurrentHashMap<>();

  public ArchiveServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/maps/",
        exchange -> {
          byte[] body = archives.get(exchange.getRequestURI().getPath());
          try (exchange) {
            if (body == null) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  /** Serves a valid map archive whose folder is {@code folder}; returns its URL. */
  public String addMap(String folder) {
    archives.put("/maps/" + folder + ".zip", MapArchives.valid(folder, folder));
    return url(folder);
  }

  public String url(String folder) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/maps/" + folder + ".zip";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
