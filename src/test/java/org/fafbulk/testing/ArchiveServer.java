package org.fafbulk.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A content server on 127.0.0.1 that serves map archives from memory, at once or held back a while,
 * and measures, as the server sees it, how many requests are in flight at once and when each one
 * arrived. Unknown paths get a 404.
 */
public final class ArchiveServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(64);
  private final Duration responseDelay;
  private final Map<String, byte[]> archives = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final List<Long> arrivalNanos = new ArrayList<>();

  private ArchiveServer(Duration responseDelay) throws IOException {
    this.responseDelay = responseDelay;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Starts a server that answers at once. */
  public static ArchiveServer start() throws IOException {
    return start(Duration.ZERO);
  }

  /** Starts a server that holds every archive response back for {@code responseDelay}. */
  public static ArchiveServer start(Duration responseDelay) throws IOException {
    return new ArchiveServer(responseDelay);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void serve(String path, byte[] zip) {
    archives.put(path, zip);
  }

  /**
   * Serves a valid archive of {@code folder} at {@code /maps/<folder>.zip}, its map files named as
   * the folder; returns its URL.
   */
  public String addMap(String folder) {
    serve(path(folder), MapArchives.valid(folder, folder));
    return url(folder);
  }

  /** The URL of {@code folder}'s archive, whether it is served or not. */
  public String url(String folder) {
    return baseUrl() + path(folder);
  }

  /** The most requests that were ever being answered at the same time. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** When each request arrived, in {@link System#nanoTime()} order. */
  public List<Long> arrivalNanos() {
    synchronized (arrivalNanos) {
      return arrivalNanos.stream().sorted().toList();
    }
  }

  /** Starts counting afresh, e.g. after a warm-up run. */
  public void forgetRequests() {
    synchronized (arrivalNanos) {
      arrivalNanos.clear();
    }
    maxInFlight.set(inFlight.get());
  }

  private static String path(String folder) {
    return "/maps/" + folder + ".zip";
  }

  private void handle(HttpExchange exchange) throws IOException {
    synchronized (arrivalNanos) {
      arrivalNanos.add(System.nanoTime());
    }
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    byte[] body;
    try {
      Thread.sleep(responseDelay.toMillis());
      body = archives.get(exchange.getRequestURI().getPath());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      body = null;
    } finally {
      // Counted out before the response leaves, so that a client that already has its answer
      // and starts the next request can never be seen as overlapping with this one.
      inFlight.decrementAndGet();
    }
    try (exchange) {
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/zip");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
