package org.fafbulk.bulk;

import java.util.NoSuchElementException;
import java.util.OptionalLong;

/** The selection of {@code --limit 0}: nothing, without asking the API. */
public final class EmptyTargets implements TargetSource {
  @Override
  public OptionalLong expected() {
    return OptionalLong.of(0);
  }

  @Override
  public boolean hasNext() {
    return false;
  }

  @Override
  public MapTarget next() {
    throw new NoSuchElementException();
  }
}
