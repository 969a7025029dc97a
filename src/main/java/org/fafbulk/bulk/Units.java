package org.fafbulk.bulk;

import java.time.Duration;
import java.util.Locale;
import org.fafbulk.MapUnits;

/** Numbers as people read them: bytes in KB/MB/GB, durations, map units in km. */
public final class Units {
  private Units() {}

  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
  }

  public static String rate(long bytes, Duration elapsed) {
    double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
    return bytes((long) (bytes / seconds)) + "/s";
  }

  public static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }

  /** Map units to kilometres: 512 units are 10 km. */
  public static String km(int mapUnits) {
    double km = MapUnits.toKm(mapUnits);
    return String.format(Locale.ROOT, km == Math.rint(km) ? "%.0f km" : "%.1f km", km);
  }
}
