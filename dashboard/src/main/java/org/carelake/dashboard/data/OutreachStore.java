package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;

/**
 * Outreach status per care gap in {@code ops.outreach}: an append-only history (who set what, when); the latest per
 * gap is kept in memory so that the worklist needs no read of the table.
 */
public final class OutreachStore {
  public static final Set<String> STATUSES = Set.of("contacted", "scheduled", "declined", "closed");
  static final StructType SCHEMA = new StructType()
      .add("person_id", DataTypes.StringType).add("measure_id", DataTypes.StringType)
      .add("group_id", DataTypes.StringType).add("period_end", DataTypes.DateType)
      .add("status", DataTypes.StringType).add("user", DataTypes.StringType).add("at", DataTypes.TimestampType);

  private final Lakehouse lh;
  private final Map<String, String> latest = new ConcurrentHashMap<>();

  public OutreachStore(Lakehouse lh) {
    this.lh = lh;
    if (lh.exists(GoldTables.OUTREACH)) {
      for (Row r : lh.table(GoldTables.OUTREACH).orderBy(col("at")).collectAsList()) {
        Object end = r.getAs("period_end");
        latest.put(key(r.getAs("person_id"), r.getAs("measure_id"), r.getAs("group_id"),
            ((Date) end).toLocalDate()), r.getAs("status"));
      }
    }
  }

  public static String key(String personId, String measureId, String groupId, LocalDate periodEnd) {
    return personId + "\u001f" + measureId + "\u001f" + groupId + "\u001f" + periodEnd;
  }

  public String status(String key) {
    return latest.get(key);
  }

  public synchronized void set(String personId, String measureId, String groupId, LocalDate periodEnd,
      String status, String user) {
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("unknown outreach status");
    }
    Row row = RowFactory.create(personId, measureId, groupId, Date.valueOf(periodEnd), status, user,
        Timestamp.from(Instant.now()));
    lh.append(GoldTables.OUTREACH, lh.spark().createDataFrame(List.of(row), SCHEMA).coalesce(1));
    latest.put(key(personId, measureId, groupId, periodEnd), status);
  }
}
