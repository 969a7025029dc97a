package org.fafbulk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.fafbulk.bulk.RunSummary;

/** Prints the end of a run as one line of JSON, for scripts ({@code --json}). */
final class SummaryJson {
  private SummaryJson() {}

  static void print(ObjectMapper mapper, RunSummary s, int exitCode, PrintWriter out) {
    ObjectNode node = mapper.createObjectNode();
    node.put("downloaded", s.downloaded());
    node.put("skipped", s.skipped());
    node.put("failed", s.failed());
    node.put("total", s.total());
    node.put("bytes", s.bytes());
    node.put("elapsed_seconds", s.elapsed().toMillis() / 1000.0);
    node.put("bookkeeping_seconds", s.bookkeeping().toNanos() / 1e9);
    node.put("interrupted", s.interrupted());
    node.put("exit_code", exitCode);
    try {
      out.println(mapper.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of numbers always serialises
    }
    out.flush();
  }
}
