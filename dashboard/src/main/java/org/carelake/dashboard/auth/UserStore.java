package org.carelake.dashboard.auth;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;

/** Dashboard accounts in {@code ops.user}: one row per user name, replaced whole when the user is added again. */
public final class UserStore {
  public static final TableName TABLE = TableName.of(Layer.OPS, "user");
  public static final int MIN_PASSWORD = 12;
  static final StructType SCHEMA = new StructType()
      .add("name", DataTypes.StringType).add("role", DataTypes.StringType)
      .add("organizations", DataTypes.createArrayType(DataTypes.StringType))
      .add("password_hash", DataTypes.StringType).add("disabled", DataTypes.BooleanType)
      .add("updated_at", DataTypes.TimestampType).add("must_change_password", DataTypes.BooleanType);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final Lakehouse lh;

  public UserStore(Lakehouse lh) {
    this.lh = lh;
  }

  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("user names are 1-64 of a-z 0-9 . _ - (starting with a letter or digit)");
    }
    return name;
  }

  /** Adds a user, or replaces the user of that name (new password, role and organizations). */
  public synchronized void put(User user) {
    checkName(user.name());
    if (user.role() == Role.CARE_MANAGER && user.organizations().isEmpty()) {
      throw new IllegalArgumentException("a care_manager needs at least one --org");
    }
    Row row = RowFactory.create(user.name(), user.role().id(),
        scala.jdk.javaapi.CollectionConverters.asScala(user.organizations()).toSeq(), user.passwordHash(),
        user.disabled(), Timestamp.from(Instant.now()), user.mustChangePassword());
    Dataset<Row> fresh = lh.spark().createDataFrame(List.of(row), SCHEMA);
    if (lh.exists(TABLE)) {
      Dataset<Row> others = lh.table(TABLE).filter(col("name").notEqual(lit(user.name())));
      // Materialize before overwriting the table the rows were read from.
      // A table written before a column existed gets its default (false), not an error.
      List<String> have = List.of(others.columns());
      org.apache.spark.sql.Column[] cols = java.util.Arrays.stream(SCHEMA.fields()).map(f -> have.contains(f.name())
          ? col(f.name()) : lit(false).cast(f.dataType()).as(f.name())).toArray(org.apache.spark.sql.Column[]::new);
      List<Row> kept = others.select(cols).collectAsList();
      fresh = lh.spark().createDataFrame(kept, SCHEMA).unionByName(fresh);
    }
    lh.overwrite(TABLE, fresh.coalesce(1));
  }

  public Optional<User> find(String name) {
    if (!lh.exists(TABLE)) {
      return Optional.empty();
    }
    List<Row> rows = lh.table(TABLE).filter(col("name").equalTo(lit(name))).collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(toUser(rows.get(0)));
  }

  public List<User> list() {
    List<User> out = new ArrayList<>();
    if (lh.exists(TABLE)) {
      for (Row r : lh.table(TABLE).orderBy("name").collectAsList()) {
        out.add(toUser(r));
      }
    }
    return out;
  }

  private static User toUser(Row r) {
    int orgIndex = r.fieldIndex("organizations");
    List<String> orgs = r.isNullAt(orgIndex) ? List.of() : r.getList(orgIndex);
    Boolean disabled = r.getAs("disabled");
    boolean mustChange = r.schema().getFieldIndex("must_change_password").isDefined()
        && Boolean.TRUE.equals(r.getAs("must_change_password"));
    return new User(r.getAs("name"), Role.parse(r.getAs("role")), orgs, r.getAs("password_hash"),
        disabled != null && disabled, mustChange);
  }
}
