package org.fafbulk;

import java.util.Locale;

/**
 * Makes text from a server or an archive safe to print or store: control characters, C1 controls
 * and bidirectional overrides become visible {@code \\uXXXX} escapes, so that no terminal escape
 * sequence or reordering trick reaches a terminal, a log or a state file.
 */
public final class Printable {
  private Printable() {}

  /** {@code text} with every unsafe code point escaped; safe text comes back unchanged. */
  public static String of(String text) {
    if (text == null || text.codePoints().noneMatch(Printable::unsafe)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              if (unsafe(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** Whether {@link #of} would return {@code text} unchanged; looks without copying. */
  public static boolean isSafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (unsafe(text.charAt(i))) { // every unsafe code point is in the BMP
        return false;
      }
    }
    return true;
  }

  /**
   * C0 and C1 controls and DEL (a C1 CSI, U+009B, starts an escape sequence on some terminals), and
   * the marks that reorder text: LRM, RLM, ALM, the embeddings and overrides U+202A-U+202E and the
   * isolates U+2066-U+2069, which can make a name read as something it is not.
   */
  static boolean unsafe(int c) {
    return Character.isISOControl(c)
        || c == 0x200E
        || c == 0x200F
        || c == 0x061C
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
