package org.fafbulk.download;

import java.util.Optional;

/**
 * The lexical half of {@link LuaTables}: a cursor over Lua source that reads one token at a time.
 */
final class LuaScanner {
  final String source;
  int pos;

  LuaScanner(String source) {
    this.source = source;
  }

  boolean atEnd() {
    return pos >= source.length();
  }

  char peek() {
    return source.charAt(pos);
  }

  String quoted(char quote) {
    StringBuilder text = new StringBuilder();
    pos++;
    while (pos < source.length()) {
      char c = source.charAt(pos++);
      if (c == quote || c == '\n') {
        break;
      }
      if (c == '\\' && pos < source.length()) {
        char escaped = source.charAt(pos++);
        text.append(
            switch (escaped) {
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> escaped;
            });
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  /** {@code [[...]]} or {@code [==[...]==]}; {@code pos} is at the first bracket. */
  String longString() {
    int level = 0;
    pos++;
    while (source.charAt(pos) == '=') {
      level++;
      pos++;
    }
    pos++;
    String close = "]" + "=".repeat(level) + "]";
    int end = source.indexOf(close, pos);
    String text = source.substring(pos, end < 0 ? source.length() : end);
    pos = end < 0 ? source.length() : end + close.length();
    return text;
  }

  /** A decimal number; empty for hexadecimal and other forms no scenario field needs. */
  Optional<Double> number() {
    int start = pos;
    pos++;
    while (pos < source.length()
        && (Character.isLetterOrDigit(source.charAt(pos)) || ".+-".indexOf(source.charAt(pos)) >= 0)
        && !(source.charAt(pos) == '-' && "eE".indexOf(source.charAt(pos - 1)) < 0)) {
      pos++;
    }
    try {
      return Optional.of(Double.valueOf(source.substring(start, pos)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  String name() {
    int start = pos;
    while (pos < source.length()
        && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
      pos++;
    }
    return source.substring(start, pos);
  }

  /** Skips a parenthesised argument list, strings included. */
  void skipBalanced() {
    skipBalanced('(', ')');
  }

  /** Skips from {@code open} to its matching {@code close}, strings included, without recursion. */
  void skipBalanced(char open, char close) {
    int depth = 0;
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (c == '"' || c == '\'') {
        quoted(c);
        continue;
      }
      pos++;
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return;
      }
    }
  }

  /** Skips whitespace and comments: {@code -- line} and {@code --[[ block ]]}. */
  void skipSpace() {
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        pos++;
      } else if (source.startsWith("--", pos)) {
        pos += 2;
        if (pos < source.length() && source.charAt(pos) == '[' && longBracketAhead()) {
          longString();
        } else {
          int end = source.indexOf('\n', pos);
          pos = end < 0 ? source.length() : end + 1;
        }
      } else {
        return;
      }
    }
  }

  boolean longBracketAhead() {
    int i = pos + 1;
    while (i < source.length() && source.charAt(i) == '=') {
      i++;
    }
    return i < source.length() && source.charAt(i) == '[';
  }

  /** Whether a name at {@code pos} is followed by a single {@code =}, making it a key. */
  boolean assignmentAhead() {
    int i = pos;
    while (i < source.length()
        && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
      i++;
    }
    while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
      i++;
    }
    return i < source.length()
        && source.charAt(i) == '='
        && (i + 1 >= source.length() || source.charAt(i + 1) != '=');
  }

  boolean skip(char expected) {
    if (pos < source.length() && source.charAt(pos) == expected) {
      pos++;
      return true;
    }
    return false;
  }

  boolean digitAt(int i) {
    return i < source.length() && Character.isDigit(source.charAt(i));
  }

  static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }
}
