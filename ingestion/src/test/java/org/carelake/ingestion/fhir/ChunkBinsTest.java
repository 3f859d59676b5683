package org.carelake.ingestion.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkBinsTest {
  private static final long MB = 1 << 20;

  private static List<Chunk> chunks(long... sizes) {
    List<Chunk> out = new ArrayList<>();
    InputFile f = new InputFile("file:/x.ndjson", null, InputRole.RESOURCES);
    for (int i = 0; i < sizes.length; i++) {
      out.add(new Chunk(i, f, 0, sizes[i], 1, 1));
    }
    return out;
  }

  private static long bytes(List<Chunk> bin) {
    return bin.stream().mapToLong(Chunk::length).sum();
  }

  @Test
  void everyChunkLandsInExactlyOneTaskAndTheTasksAreBalancedWithinOneChunk() {
    Random random = new Random(7);
    long[] sizes = new long[57];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = i < 40 ? 32 * MB : 1 + random.nextInt((int) (20 * MB));
    }
    List<Chunk> in = chunks(sizes);
    List<List<Chunk>> bins = ChunkBins.pack(in, 10);
    assertEquals(10, bins.size());
    HashSet<Integer> seen = new HashSet<>();
    bins.forEach(b -> b.forEach(c -> assertTrue(seen.add(c.index()), "twice: " + c.index())));
    assertEquals(in.size(), seen.size());
    long max = bins.stream().mapToLong(ChunkBinsTest::bytes).max().orElseThrow();
    long min = bins.stream().mapToLong(ChunkBinsTest::bytes).min().orElseThrow();
    assertTrue(max - min <= 32 * MB, "spread " + (max - min));
    for (int i = 1; i < bins.size(); i++) {
      assertTrue(bytes(bins.get(i - 1)) >= bytes(bins.get(i)), "heaviest first");
    }
  }

  @Test
  void neverMoreTasksThanChunksAndNoneEmpty() {
    List<List<Chunk>> bins = ChunkBins.pack(chunks(5, 3), 8);
    assertEquals(2, bins.size());
    bins.forEach(b -> assertFalse(b.isEmpty()));
    assertEquals(1, ChunkBins.pack(chunks(5), 0).size());
  }

  @Test
  void taskCountFollowsCoresForSmallInputsAndSizeForLargeOnes() {
    long chunk = 32 * MB;
    assertEquals(3, ChunkBins.count(chunks(1, 2, 3), 2, chunk));
    assertEquals(4, ChunkBins.count(chunks(1, 2, 3, 4, 5, 6), 2, chunk));
    long[] big = new long[40];
    java.util.Arrays.fill(big, chunk);
    assertEquals(10, ChunkBins.count(chunks(big), 2, chunk));
    assertEquals(16, ChunkBins.count(chunks(big), 8, chunk));
  }
}
