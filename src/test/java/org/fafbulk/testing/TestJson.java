package org.fafbulk.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fafbulk.state.JsonFiles;

/** The state files' JSON for tests, with a mapper of their own as the command builds one. */
public final class TestJson {
  public static final JsonFiles FILES = new JsonFiles(new ObjectMapper());

  private TestJson() {}
}
