package org.fafbulk.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A content server on 127.0.0.1 that serves {@code /maps/<name>} from a folder in small, paced
 * chunks, so that a run lasts long enough to be interrupted, and counts requests and bytes. While
 * held it sends one byte a chunk: downloads stay alive (no read timeout) but do not finish.
 */
final class ThrottledServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicLong bytesSent = new AtomicLong();
  private final long chunkDelayMillis;
  private volatile boolean held;

  ThrottledServer(Path folder, int chunkBytes, long chunkDelayMillis) throws IOException {
    this.chunkDelayMillis = chunkDelayMillis;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/maps/", exchange -> serve(exchange, folder, chunkBytes));
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requests(String file) {
    AtomicInteger count = requests.get(file);
    return count == null ? 0 : count.get();
  }

  /** Requests for all files so far. */
  int requests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Archive bytes sent so far, counting those of downloads that were cut off. */
  long bytesSent() {
    return bytesSent.get();
  }

  /** While held, running downloads trickle and none completes; release to let them finish. */
  void hold(boolean held) {
    this.held = held;
  }

  private void serve(HttpExchange exchange, Path folder, int chunkBytes) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/maps/".length());
    requests.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    Path file = folder.resolve(name);
    try (exchange) {
      if (name.contains("/") || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/zip");
      exchange.sendResponseHeaders(200, Files.size(file));
      byte[] buffer = new byte[chunkBytes];
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = exchange.getResponseBody()) {
        int n;
        while ((n = in.read(buffer, 0, held ? 1 : chunkBytes)) > 0) {
          out.write(buffer, 0, n);
          out.flush();
          bytesSent.addAndGet(n);
          Thread.sleep(chunkDelayMillis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException clientGone) {
        // the client was killed mid-download, which is what these tests do
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
