package org.carelake.synth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deterministic choices keyed by what they are about: the same seed and key give the same number on every run and
 * in any iteration order, so adding one patient does not reshuffle the choices made for the others.
 */
final class SeededHash {
  private final long seed;

  SeededHash(long seed) {
    this.seed = seed;
  }

  /** A 64-bit hash of the seed and the key parts (SHA-256, first 8 bytes). */
  long of(String... parts) {
    MessageDigest md = sha256();
    md.update(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
    for (String p : parts) {
      md.update((byte) 0);
      md.update((p == null ? "" : p).getBytes(StandardCharsets.UTF_8));
    }
    byte[] d = md.digest();
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }

  /** A random source for one subject, e.g. {@code random("lab-variation", patientId)}. */
  Random random(String... parts) {
    return new Random(of(parts));
  }

  /** A number of {@code digits} digits (leading zeros kept). */
  String digits(int digits, String... parts) {
    long mod = 1;
    for (int i = 0; i < digits; i++) {
      mod *= 10;
    }
    return String.format(Locale.ROOT, "%0" + digits + "d", Math.floorMod(of(parts), mod));
  }

  /**
   * The keys picked for a share: exactly {@code ceil(share * n)} of them, those with the smallest hash for this
   * purpose. Exact counts make the share testable even on a handful of patients.
   */
  Set<String> pick(Collection<String> keys, double share, String purpose) {
    int k = (int) Math.ceil(share * keys.size() - 1e-9);
    List<String> ranked = new ArrayList<>(new TreeSet<>(keys));
    ranked.sort(Comparator.comparingLong((String key) -> of(purpose, key)).thenComparing(key -> key));
    return new TreeSet<>(ranked.subList(0, Math.max(0, Math.min(k, ranked.size()))));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
