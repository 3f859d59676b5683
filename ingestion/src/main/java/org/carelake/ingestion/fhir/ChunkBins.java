package org.carelake.ingestion.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Packs chunks into the bronze job's tasks. Every task pays a fixed cost before its first row (deserializing the
 * write, generating the statistics code, opening writers), so a task per chunk spent a quarter of the ingest's
 * executor time on 56 tasks of a 300-patient export; a few tasks per core, each several chunks, keep the cores evenly
 * busy without it. Largest chunk first, each into the lightest task so far (LPT: no task exceeds the average by more
 * than one chunk).
 */
final class ChunkBins {
  /** Bytes a task aims at, in chunks: four 32 MiB chunks by default. */
  static final int CHUNKS_PER_TASK = 4;

  private ChunkBins() {}

  /** How many tasks: at least two per core, more for a large input, never more than there are chunks. */
  static int count(List<Chunk> chunks, int cores, long chunkBytes) {
    long total = chunks.stream().mapToLong(Chunk::length).sum();
    long bySize = (total + CHUNKS_PER_TASK * chunkBytes - 1) / (CHUNKS_PER_TASK * chunkBytes);
    return (int) Math.min(chunks.size(), Math.max(2L * Math.max(1, cores), bySize));
  }

  /** The chunks in {@code bins} groups (none empty), heaviest group first. */
  static List<List<Chunk>> pack(List<Chunk> chunks, int bins) {
    List<Chunk> bySize = new ArrayList<>(chunks);
    bySize.sort(Comparator.comparingLong(Chunk::length).reversed());
    int n = Math.max(1, Math.min(bins, bySize.size()));
    List<List<Chunk>> groups = new ArrayList<>();
    long[] load = new long[n];
    PriorityQueue<Integer> lightest = new PriorityQueue<>(Comparator.<Integer>comparingLong(i -> load[i])
        .thenComparingInt(i -> i));
    for (int i = 0; i < n; i++) {
      groups.add(new ArrayList<>());
      lightest.add(i);
    }
    for (Chunk c : bySize) {
      int i = lightest.poll();
      groups.get(i).add(c);
      load[i] += c.length();
      lightest.add(i);
    }
    groups.sort(Comparator.comparingLong((List<Chunk> g) -> g.stream().mapToLong(Chunk::length).sum()).reversed());
    return groups;
  }
}
