package org.carelake.dashboard.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * One line of {@code ops.audit_log}. {@code hash} = SHA-256 over {@code prev_hash} and every other field, each
 * length-prefixed so that no two different entries serialize alike; the first entry's prev_hash is 64 zeros.
 */
public record AuditEntry(long seq, Instant at, String user, String role, String action, String personId,
    String detail, String client, String prevHash, String hash) {
  public static final String GENESIS = "0".repeat(64);

  /** A new entry chained to {@code prevHash}; the time is cut to microseconds, what Delta stores. */
  public static AuditEntry chain(long seq, Instant at, String user, String role, String action, String personId,
      String detail, String client, String prevHash) {
    Instant micros = at.truncatedTo(ChronoUnit.MICROS);
    AuditEntry e = new AuditEntry(seq, micros, user, role, action, personId, detail, client, prevHash, null);
    return new AuditEntry(seq, micros, user, role, action, personId, detail, client, prevHash, e.computeHash());
  }

  public String computeHash() {
    StringBuilder b = new StringBuilder();
    for (String f : new String[] {prevHash, Long.toString(seq), at.toString(), user, role, action, personId, detail,
        client}) {
      b.append(f == null ? "-1:" : f.length() + ":" + f).append(';');
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
