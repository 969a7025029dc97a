package org.fafbulk.bulk;

import java.util.OptionalLong;
import org.fafbulk.api.MapListing;

/** The maps an API listing selects, first N in map-id order. */
public final class ApiTargets implements TargetSource {
  private final MapListing listing;

  public ApiTargets(MapListing listing) {
    this.listing = listing;
  }

  @Override
  public OptionalLong expected() {
    return listing.expected();
  }

  @Override
  public OptionalLong matching() {
    return listing.matching();
  }

  @Override
  public boolean hasNext() {
    return listing.hasNext();
  }

  @Override
  public MapTarget next() {
    return MapTarget.of(listing.next());
  }

  /** Deletes the scratch file of a page the run did not wholly consume. */
  @Override
  public void close() {
    listing.close();
  }
}
