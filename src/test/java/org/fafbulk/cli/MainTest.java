package org.fafbulk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.fafbulk.ExitCodes;
import org.junit.jupiter.api.Test;

/** The last resort in {@code main}: an Error, memory included, is one line and exit 3. */
class MainTest {
  @Test
  void outOfMemoryExits3WithOneLine() {
    StringWriter err = new StringWriter();

    int exit =
        Main.guarded(
            () -> {
              throw new OutOfMemoryError("Java heap space");
            },
            new PrintWriter(err, true));

    assertThat(exit).isEqualTo(ExitCodes.FATAL);
    assertThat(err.toString().lines()).singleElement().asString().contains("out of memory");
  }

  @Test
  void aNormalExitCodePassesThrough() {
    assertThat(Main.guarded(() -> 1, new PrintWriter(new StringWriter()))).isEqualTo(1);
  }
}
