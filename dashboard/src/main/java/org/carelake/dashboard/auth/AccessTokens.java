package org.carelake.dashboard.auth;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;

/**
 * Access tokens of the SQL endpoint in {@code ops.access_token}: at most one per user, stored as its SHA-256 only.
 * A token is 256 random bits, so a plain hash is enough (nothing to brute-force as with passwords) and lookups stay
 * cheap. Issuing a new token replaces the user's previous one; revoking deletes it.
 */
public final class AccessTokens {
  public static final TableName TABLE = TableName.of(Layer.OPS, "access_token");
  /** Tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
  public static final String PREFIX = "clk_";
  static final StructType SCHEMA = new StructType()
      .add("name", DataTypes.StringType).add("token_sha256", DataTypes.StringType)
      .add("created_at", DataTypes.TimestampType);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Lakehouse lh;

  public AccessTokens(Lakehouse lh) {
    this.lh = lh;
  }

  /** A new token for the user, replacing any previous one; the only time the token itself exists. */
  public synchronized String issue(String name) {
    UserStore.checkName(name);
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = PREFIX + HexFormat.of().formatHex(bytes);
    Row row = RowFactory.create(name, sha256(token), Timestamp.from(Instant.now()));
    List<Row> rows = new ArrayList<>(others(name));
    rows.add(row);
    lh.overwrite(TABLE, lh.spark().createDataFrame(rows, SCHEMA).coalesce(1));
    return token;
  }

  /** Deletes the user's token; false when there was none. */
  public synchronized boolean revoke(String name) {
    List<Row> kept = others(name);
    if (!lh.exists(TABLE) || kept.size() == lh.table(TABLE).count()) {
      return false;
    }
    lh.overwrite(TABLE, lh.spark().createDataFrame(kept, SCHEMA).coalesce(1));
    return true;
  }

  /** The name of the user holding this token, if it is a current token. */
  public Optional<String> owner(String token) {
    if (token == null || !token.startsWith(PREFIX) || !lh.exists(TABLE)) {
      return Optional.empty();
    }
    List<Row> rows = lh.table(TABLE).filter(col("token_sha256").equalTo(lit(sha256(token)))).collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getAs("name"));
  }

  private List<Row> others(String name) {
    if (!lh.exists(TABLE)) {
      return List.of();
    }
    // Materialized before the table they come from is overwritten.
    Dataset<Row> rows = lh.table(TABLE).filter(col("name").notEqual(lit(name)));
    return rows.collectAsList();
  }

  public static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
