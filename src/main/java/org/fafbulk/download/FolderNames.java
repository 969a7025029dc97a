package org.fafbulk.download;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fafbulk.Printable;
import org.fafbulk.state.StateFileNames;

/** Decides whether a map folder name is one safe path segment on every operating system. */
public final class FolderNames {
  private static final Pattern UNSAFE = Pattern.compile("[/\\\\:*?\"<>|\\p{Cntrl}\\x{80}-\\x{9F}]");

  /**
   * Marks that reorder text on screen, so that a name shows as another ("exe.txt" as "txt.exe").
   */
  private static final Pattern BIDI =
      Pattern.compile("[\\x{061C}\\x{200E}\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]");

  /** Windows opens a device for these, whatever the extension: {@code nul.txt} is {@code NUL}. */
  private static final Pattern DEVICE =
      Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9]) *(\\..*)?");

  private static final int MAX_LENGTH = 200;

  private FolderNames() {}

  /** Returns why {@code name} is unsafe as a map folder, or empty when it is safe. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of("is empty");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("is longer than " + MAX_LENGTH + " characters");
    }
    if (UNSAFE.matcher(name).find()) {
      return Optional.of("contains a path separator, a reserved or a control character");
    }
    if (BIDI.matcher(name).find()) {
      return Optional.of("contains a bidirectional text control character");
    }
    if (DEVICE.matcher(name).matches()) {
      return Optional.of("is a Windows device name");
    }
    if (StateFileNames.isReserved(name)) {
      return Optional.of("is a name faf keeps for its own files in the output directory");
    }
    if (name.startsWith(".")) {
      return Optional.of("starts with '.' (a relative path or a hidden file)");
    }
    if (name.endsWith(" ") || name.endsWith(".") || !name.strip().equals(name)) {
      return Optional.of("starts or ends with a space or a dot");
    }
    return Optional.empty();
  }

  public static boolean isSafe(String name) {
    return problem(name).isEmpty();
  }

  /** The folder name a download URL or bare name points at: its last segment less {@code .zip}. */
  public static String fromUrlOrName(String urlOrName) {
    String path = urlOrName;
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    String decoded;
    try {
      // A URL path is not a form: '+' there is a plus sign, not an encoded space.
      decoded = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      decoded = last; // a '%' that starts no escape is taken literally
    }
    return decoded.endsWith(".zip") ? decoded.substring(0, decoded.length() - 4) : decoded;
  }

  /** A name with control characters made visible, for messages. */
  public static String printable(String name) {
    return Printable.of(name);
  }
}
