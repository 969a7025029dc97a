package org.fafbulk;

/** The game's map units: 512 of them are 10 km, the size the community names maps by. */
public final class MapUnits {
  /** Map units in a kilometre. */
  public static final double PER_KM = 51.2;

  private MapUnits() {}

  /** {@code units} in kilometres. */
  public static double toKm(int units) {
    return units / PER_KM;
  }

  /** {@code km} kilometres in map units, not rounded. */
  public static double fromKm(double km) {
    return km * PER_KM;
  }
}
