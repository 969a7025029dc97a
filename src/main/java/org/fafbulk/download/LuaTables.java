package org.fafbulk.download;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A forgiving reader of the Lua table constructors that scenario files are made of: assignments,
 * nested tables, strings, numbers and comments; anything else is skipped rather than rejected.
 */
final class LuaTables {
  /** A Lua table: its keyed fields and its positional items. */
  record Table(Map<String, Object> fields, List<Object> items) {
    Table() {
      this(new LinkedHashMap<>(), new ArrayList<>());
    }

    Optional<Object> get(String key) {
      return Optional.ofNullable(fields.get(key));
    }

    Optional<Table> table(String key) {
      return get(key).filter(Table.class::isInstance).map(Table.class::cast);
    }
  }

  /** A value this reader does not model, such as a function call; never equal to a real value. */
  private static final Object OPAQUE = new Object();

  /**
   * Tables nested deeper than this are skipped as opaque: real scenarios nest five levels, and a
   * hostile file of 50,000 opening braces must not overflow the stack.
   */
  static final int MAX_DEPTH = 32;

  private final LuaScanner in;
  private int depth;

  private LuaTables(String source) {
    this.in = new LuaScanner(source);
  }

  /** The top-level assignments of {@code source} ({@code name = value}) as one table. */
  static Table parse(String source) {
    LuaTables reader = new LuaTables(source);
    Table globals = new Table();
    reader.fill(globals, true);
    return globals;
  }

  /** Reads fields into {@code table} until its closing brace or the end of the source. */
  private void fill(Table table, boolean topLevel) {
    while (true) {
      in.skipSpace();
      if (in.atEnd()) {
        return;
      }
      char c = in.peek();
      if (c == '}') {
        in.pos++;
        if (!topLevel) {
          return;
        }
      } else if (c == ',' || c == ';') {
        in.pos++;
      } else if (c == '[' && !in.longBracketAhead()) {
        in.pos++;
        Object key = value();
        in.skipSpace();
        in.skip(']');
        in.skipSpace();
        if (in.skip('=')) {
          assign(table, Optional.of(keyText(key)));
        }
      } else if (LuaScanner.isNameStart(c) && in.assignmentAhead()) {
        String name = in.name();
        in.skipSpace();
        in.pos++; // the '='
        assign(table, Optional.of(name));
      } else {
        int before = in.pos;
        assign(table, topLevel ? Optional.empty() : Optional.of(""));
        if (in.pos == before) {
          in.pos++; // a character no rule reads: skip it
        }
      }
    }
  }

  /** Reads one value and stores it; a table is stored before it is read, so a cut file keeps it. */
  private void assign(Table table, Optional<String> key) {
    in.skipSpace();
    if (!in.atEnd() && in.peek() == '{') {
      nestedTable(child -> store(table, key, child));
    } else {
      store(table, key, value());
    }
  }

  /**
   * Reads the table whose opening brace is next, or skips it as {@link #OPAQUE} when nested too
   * deep; {@code keep} gets it before its fields are read.
   */
  private Object nestedTable(Consumer<Object> keep) {
    if (depth >= MAX_DEPTH) {
      in.skipBalanced('{', '}');
      keep.accept(OPAQUE);
      return OPAQUE;
    }
    in.pos++;
    Table child = new Table();
    keep.accept(child);
    depth++;
    fill(child, false);
    depth--;
    return child;
  }

  private static void store(Table table, Optional<String> key, Object value) {
    if (key.isEmpty()) {
      return; // a bare expression statement at the top level
    }
    if (key.get().isEmpty()) {
      table.items().add(value);
    } else {
      table.fields().put(key.get(), value);
    }
  }

  /** A scalar: string, number, boolean, or {@link #OPAQUE} for what is not modelled. */
  private Object value() {
    in.skipSpace();
    if (in.atEnd()) {
      return OPAQUE;
    }
    char c = in.peek();
    if (c == '{') {
      return nestedTable(child -> {});
    }
    if (c == '"' || c == '\'') {
      return in.quoted(c);
    }
    if (c == '[' && in.longBracketAhead()) {
      return in.longString();
    }
    if (Character.isDigit(c) || ((c == '-' || c == '.') && in.digitAt(in.pos + 1))) {
      return in.number().map(Object.class::cast).orElse(OPAQUE);
    }
    if (LuaScanner.isNameStart(c)) {
      return named();
    }
    return OPAQUE;
  }

  /** A boolean, or {@link #OPAQUE} for any other name and for a function call. */
  private Object named() {
    String name = in.name();
    in.skipSpace();
    if (!in.atEnd() && in.peek() == '(') {
      in.skipBalanced();
      return OPAQUE;
    }
    return switch (name) {
      case "true" -> true;
      case "false" -> false;
      default -> OPAQUE;
    };
  }

  private static String keyText(Object key) {
    if (key instanceof Double d && d == Math.rint(d)) {
      return String.format(Locale.ROOT, "%d", d.longValue());
    }
    return key instanceof String s ? s : String.valueOf(key);
  }
}
