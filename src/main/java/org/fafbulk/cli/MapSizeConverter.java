package org.fafbulk.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fafbulk.MapUnits;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a map size as map units ({@code 512}) or kilometres ({@code 10km}; 512 units = 10 km). */
final class MapSizeConverter implements ITypeConverter<Integer> {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(km)?", Pattern.CASE_INSENSITIVE);

  @Override
  public Integer convert(String value) {
    Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException(
          "'" + value + "' is not a map size; use map units (512) or kilometres (10km)");
    }
    double number = Double.parseDouble(m.group(1));
    double units = m.group(2) == null ? number : MapUnits.fromKm(number);
    if (units < 1 || units > 1 << 16 || units != Math.rint(units)) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a map size; use map units (256, 512, 1024, ...) or"
              + " kilometres (5km, 10km, 20km, ...)");
    }
    return (int) units;
  }
}
