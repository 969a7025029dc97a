package org.fafbulk.cli;

import java.util.NoSuchElementException;
import java.util.OptionalLong;
import org.fafbulk.bulk.MapTarget;
import org.fafbulk.bulk.TargetSource;

/** The selection of {@code --limit 0}: nothing, without asking the API. */
final class EmptyTargets implements TargetSource {
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
