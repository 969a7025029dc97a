package org.fafbulk.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * A JSON:API page that is small on the wire and huge once gunzipped: versions whose descriptions
 * are megabytes of spaces, served with {@code Content-Encoding: gzip}.
 */
public final class GzipBombPage {
  private GzipBombPage() {}

  /** {@code versions} included versions, each with a description of {@code bytes} spaces. */
  public static byte[] gzip(int versions, int bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(
          "{\"meta\":{\"page\":{\"totalRecords\":1}},\"data\":[],\"included\":["
              .getBytes(StandardCharsets.US_ASCII));
      for (int v = 1; v <= versions; v++) {
        gzip.write(
            ("{\"type\":\"mapVersion\",\"id\":\"v" + v + "\",\"attributes\":{\"description\":\"")
                .getBytes(StandardCharsets.US_ASCII));
        for (int written = 0; written < bytes; written += chunk.length) {
          gzip.write(chunk);
        }
        gzip.write((v == versions ? "\"}}" : "\"}},").getBytes(StandardCharsets.US_ASCII));
      }
      gzip.write("]}".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  /** The raw HTTP response that serves {@code gzip} as a gzip-encoded JSON:API document. */
  public static RawHttpServer.Script response(byte[] gzip) {
    return RawHttpServer.fixed(
        "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.api+json\r\nContent-Encoding: gzip\r\n"
            + "Content-Length: "
            + gzip.length
            + "\r\nConnection: close\r\n\r\n",
        gzip);
  }
}
