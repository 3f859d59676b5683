package org.carelake.ingestion.fhir;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;

/** The rows of several chunks, one after the other, each chunk's reader opened when the previous one is done. */
final class ChunkSequence implements Iterator<InternalRow> {
  private final Iterator<Chunk> chunks;
  private final Function<Chunk, ChunkReader> open;
  private ChunkReader current;

  ChunkSequence(List<Chunk> chunks, Function<Chunk, ChunkReader> open) {
    this.chunks = chunks.iterator();
    this.open = open;
  }

  @Override
  public boolean hasNext() {
    while (current == null || !current.hasNext()) {
      if (!chunks.hasNext()) {
        return false;
      }
      current = open.apply(chunks.next());
    }
    return true;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
