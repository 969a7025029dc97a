package org.fafbulk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fafbulk.FafException;

/**
 * Reads {@code ~/.faf/credentials.yaml}: {@code client_id}, {@code client_secret} and {@code token}
 * as flat {@code key: value} lines, a strict subset of YAML (plain, 'single' or "double" quoted
 * values, {@code #} comments). A three-key file needs no YAML library; anything outside the subset
 * is refused with its line number, and no message ever quotes a line, since it may hold a secret.
 * Like ssh, it refuses a file that other users can read.
 */
final class CredentialsFile {
  static final List<String> KEYS = List.of("client_id", "client_secret", "token");

  private static final String PLAIN_FORBIDDEN_START = "!&*[]{}|>@`%,?-";

  private final Map<String, String> values;

  private CredentialsFile(Map<String, String> values) {
    this.values = values;
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The file's credentials, or empty when {@code file} does not exist. */
  static Optional<CredentialsFile> read(Path file) {
    String text;
    try {
      checkPrivate(file);
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw FafException.fatal("cannot read the credentials file " + file + ": " + e, e);
    }
    return Optional.of(new CredentialsFile(parse(file, text)));
  }

  private static void checkPrivate(Path file) throws IOException {
    if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return; // no owner-only permissions to check here (Windows): the user's profile guards it
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    for (PosixFilePermission p : permissions) {
      if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
        throw FafException.fatal(
            "the credentials file "
                + file
                + " can be read or changed by other users; run: chmod 600 "
                + file);
      }
    }
  }

  static Map<String, String> parse(Path file, String text) {
    Map<String, String> values = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
      String where = file + " line " + (i + 1) + ": ";
      String content = line.strip();
      if (content.isEmpty() || content.startsWith("#") || content.equals("---")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        throw bad(where + "indented; write flat 'key: value' lines");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw bad(where + "not a 'key: value' line");
      }
      String key = line.substring(0, colon);
      if (!KEYS.contains(key)) {
        throw bad(where + "unknown key (expected one of " + String.join(", ", KEYS) + ")");
      }
      String rest = line.substring(colon + 1);
      if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
        throw bad(where + "put a space after the ':'");
      }
      String value = value(rest.strip(), where);
      if (value.isEmpty()) {
        throw bad(where + key + " is empty");
      }
      if (values.put(key, value) != null) {
        throw bad(where + key + " is given twice");
      }
    }
    return values;
  }

  /** A value: quoted (then only a comment may follow) or plain (a " #" starts a comment). */
  private static String value(String raw, String where) {
    return raw.startsWith("\"") || raw.startsWith("'") ? quoted(raw, where) : plain(raw, where);
  }

  /** A quoted value: YAML's escapes in double quotes, '' for a quote in single ones. */
  private static String quoted(String raw, String where) {
    char quote = raw.charAt(0);
    StringBuilder out = new StringBuilder();
    int i = 1;
    for (; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == quote) {
        if (quote == '\'' && i + 1 < raw.length() && raw.charAt(i + 1) == '\'') {
          out.append('\'');
          i++;
          continue;
        }
        break;
      }
      if (quote == '"' && c == '\\') {
        if (i + 1 >= raw.length() || "\"\\/".indexOf(raw.charAt(i + 1)) < 0) {
          throw bad(where + "only \\\" \\\\ and \\/ escapes are understood in double quotes");
        }
        out.append(raw.charAt(++i));
        continue;
      }
      out.append(c);
    }
    if (i >= raw.length()) {
      throw bad(where + "the quoted value has no closing " + quote);
    }
    String after = raw.substring(i + 1).strip();
    if (!after.isEmpty() && !after.startsWith("#")) {
      throw bad(where + "something follows the quoted value");
    }
    return out.toString();
  }

  /** A plain value, up to a " #" comment. */
  private static String plain(String raw, String where) {
    int comment = raw.indexOf(" #");
    String plain = (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    if (raw.startsWith("#")) {
      plain = "";
    }
    if ((!plain.isEmpty() && PLAIN_FORBIDDEN_START.indexOf(plain.charAt(0)) >= 0)
        || plain.contains(": ")
        || plain.contains("\t#")) {
      throw bad(where + "quote this value (it holds characters YAML reads specially)");
    }
    return plain;
  }

  private static FafException bad(String message) {
    return FafException.fatal("the credentials file is not understood: " + message);
  }
}
