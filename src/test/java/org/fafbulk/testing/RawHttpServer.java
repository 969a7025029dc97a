package org.fafbulk.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile HTTP server on 127.0.0.1 that writes whatever bytes a test scripts, on a thread per
 * connection: what no HTTP library would send (control characters in a reason phrase, a body
 * dripped one byte at a time).
 */
public final class RawHttpServer implements AutoCloseable {
  /** What the server does with one connection, after reading the request. */
  @FunctionalInterface
  public interface Script {
    void answer(OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final AtomicInteger requests = new AtomicInteger();

  public RawHttpServer(Script script) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> accept(script), "raw-http-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A script that answers with {@code head} and then {@code body}. */
  public static Script fixed(String head, byte[] body) {
    return out -> {
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
    };
  }

  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  public int requests() {
    return requests.get();
  }

  private void accept(Script script) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException closed) {
        return;
      }
      requests.incrementAndGet();
      Thread worker =
          new Thread(
              () -> {
                try (client) {
                  client.getInputStream().read(new byte[8192]);
                  script.answer(client.getOutputStream());
                  client.shutdownOutput();
                } catch (IOException e) {
                  // the client went away, which hostile-server tests expect
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "raw-http");
      worker.setDaemon(true);
      worker.start();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
