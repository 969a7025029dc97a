package org.fafbulk.api;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.fafbulk.FafException;
import org.fafbulk.IdSet;

/**
 * The maps matching a filter, in id order, fetched page by page as they are consumed: asking for
 * ten maps costs one small request, not a walk over the vault. A server that pages for ever (a page
 * that adds no new map, or more pages than any vault has) or sends a page of more maps than were
 * asked for ends the listing with an error, and a stop request ends it between two pages. With a
 * page directory, the pages after the first wait in a scratch file there, deleted once consumed,
 * when the listing ends, or on close.
 */
public final class MapListing implements Iterator<FafMap>, AutoCloseable {
  /** More pages than any honest listing needs: even at one map a page, far past the vault. */
  static final int MAX_PAGES = 2_000;

  /** More map records than the FAF vault holds many times over (it has some 20,000). */
  static final long MAX_RECORDS = 1_000_000;

  private final FafApiClient client;
  private final MapFilter filter;
  private final long limit;
  private final int pageSize;
  private ListedMaps buffer = new PackedMaps();
  private final Optional<Path> pageDir;
  private final OptionalLong totalRecords;
  private final BooleanSupplier stopRequested;
  private final IdSet seenIds = new IdSet();
  private long records;
  private int nextPage = 1;
  private boolean lastPageSeen;
  private long returned;

  MapListing(
      FafApiClient client,
      MapFilter filter,
      OptionalLong limit,
      int pageSize,
      BooleanSupplier stopRequested,
      Optional<Path> pageDir) {
    this.client = client;
    this.pageDir = pageDir;
    this.stopRequested = stopRequested;
    this.filter = filter;
    this.limit = limit.orElse(Long.MAX_VALUE);
    this.pageSize = pageSize;
    this.totalRecords = fetch();
  }

  /** How many maps match the filter, ignoring the limit, when the server told (on page one). */
  public OptionalLong matching() {
    return totalRecords;
  }

  /** How many maps this listing will yield, when the server told (it does on page one). */
  public OptionalLong expected() {
    if (totalRecords.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.min(limit, totalRecords.getAsLong()));
  }

  @Override
  public boolean hasNext() {
    if (returned >= limit) {
      buffer.close(); // the rest of the page is not wanted: its file goes now
      return false;
    }
    while (buffer.isEmpty() && !lastPageSeen) {
      if (stopRequested.getAsBoolean()) {
        return false; // stopped between two pages: the run ends and writes its state
      }
      fetch();
    }
    return !buffer.isEmpty();
  }

  @Override
  public FafMap next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    returned++;
    return buffer.removeFirst();
  }

  private OptionalLong fetch() {
    int number = nextPage++;
    if (number > MAX_PAGES) {
      throw endless(number - 1 + " pages, more than the cap of " + MAX_PAGES);
    }
    // Page one is fetched as the listing is made, before a run has created, locked and cleaned its
    // output directory (which would remove a scratch file from under it): it stays on the heap,
    // while the heap is still small. The later pages are fetched as the run consumes the listing.
    JsonApi.MapPage page =
        client.page(filter, number, pageSize, number == 1 ? Optional.empty() : pageDir);
    try {
      return take(page, number);
    } catch (RuntimeException e) {
      page.maps().close();
      throw e;
    }
  }

  /** Checks a page and makes its maps the ones to hand out; returns its total. */
  private OptionalLong take(JsonApi.MapPage page, int number) {
    records += page.rawCount();
    if (records > MAX_RECORDS) {
      throw endless(records + " map records, more than the cap of " + MAX_RECORDS);
    }
    int newIds = page.ids().addTo(seenIds);
    if (page.rawCount() > 0 && newIds == 0) {
      throw endless("page " + number + " adds no map it had not sent already");
    }
    buffer = page.maps(); // fetched only once the buffer is empty
    OptionalLong total = nextPage == 2 ? page.totalRecords() : totalRecords;
    boolean pastTotal = total.isPresent() && (long) (nextPage - 1) * pageSize >= total.getAsLong();
    if (page.rawCount() < pageSize || pastTotal) {
      lastPageSeen = true;
    }
    return page.totalRecords();
  }

  /** Ends the listing early: the file of a page not wholly consumed is deleted. */
  @Override
  public void close() {
    buffer.close();
    buffer = new PackedMaps();
    lastPageSeen = true;
  }

  private static FafException endless(String what) {
    return misbehaving("keeps paging (" + what + ")");
  }

  /** The error that ends a listing whose server does {@code what} no FAF API does. */
  static FafException misbehaving(String what) {
    return FafException.fatal(
        "the FAF API "
            + what
            + "; it is misbehaving, or --api-url points at something that is not the FAF API");
  }
}
