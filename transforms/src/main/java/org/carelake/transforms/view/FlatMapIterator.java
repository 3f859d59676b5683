package org.carelake.transforms.view;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

/**
 * A lazy flat map over a partition: each input expands into zero or more outputs, produced only as they are read,
 * so a partition never sits in memory whole.
 */
final class FlatMapIterator<I, O> implements Iterator<O> {
  private final Iterator<I> in;
  private final BiConsumer<I, List<O>> expand;
  private final List<O> pending = new ArrayList<>();
  private int next;

  FlatMapIterator(Iterator<I> in, BiConsumer<I, List<O>> expand) {
    this.in = in;
    this.expand = expand;
  }

  @Override
  public boolean hasNext() {
    while (next >= pending.size()) {
      if (!in.hasNext()) {
        return false;
      }
      pending.clear();
      next = 0;
      expand.accept(in.next(), pending);
    }
    return true;
  }

  @Override
  public O next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.get(next++);
  }
}
