package org.fafbulk.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * The maps matching a filter, in id order, fetched page by page as they are consumed: asking for
 * ten maps costs one small request, not a walk over the vault.
 */
public final class MapListing implements Iterator<FafMap> {
  private final FafApiClient client;
  private final MapFilter filter;
  private final long limit;
  private final int pageSize;
  private final Deque<FafMap> buffer = new ArrayDeque<>();
  private final OptionalLong totalRecords;
  private int nextPage = 1;
  private boolean lastPageSeen;
  private long returned;

  MapListing(FafApiClient client, MapFilter filter, OptionalLong limit, int pageSize) {
    this.client = client;
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
      return false;
    }
    while (buffer.isEmpty() && !lastPageSeen) {
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
    JsonApi.MapPage page = client.page(filter, nextPage++, pageSize);
    buffer.addAll(page.maps());
    OptionalLong total = nextPage == 2 ? page.totalRecords() : totalRecords;
    boolean pastTotal = total.isPresent() && (long) (nextPage - 1) * pageSize >= total.getAsLong();
    if (page.rawCount() < pageSize || pastTotal) {
      lastPageSeen = true;
    }
    return page.totalRecords();
  }
}
