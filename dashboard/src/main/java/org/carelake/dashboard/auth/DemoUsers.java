package org.carelake.dashboard.auth;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.data.GoldTables;

/**
 * The demo's accounts: a care manager for the organization with the most open gaps and an admin, each with a fresh
 * random password that the demo prints once (a rerun replaces it).
 */
public final class DemoUsers {
  public static final String MANAGER = "demo-manager";
  public static final String ADMIN = "demo-admin";
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A user name with the password just set. */
  public record Credentials(String name, Role role, List<String> organizations, String password) {}

  private DemoUsers() {}

  public static List<Credentials> create(Lakehouse lh) {
    UserStore store = new UserStore(lh);
    PasswordHasher hasher = new PasswordHasher();
    List<Credentials> out = new ArrayList<>();
    String org = busiestOrganization(lh);
    if (org != null) {
      out.add(new Credentials(MANAGER, Role.CARE_MANAGER, List.of(org), password()));
    }
    out.add(new Credentials(ADMIN, Role.ADMIN, List.of(), password()));
    for (Credentials c : out) {
      // Printed once on a terminal: the dashboard asks for a new one at the first login.
      store.put(new User(c.name(), c.role(), c.organizations(), hasher.hash(c.password().toCharArray()), false,
          true));
    }
    return out;
  }

  static String busiestOrganization(Lakehouse lh) {
    if (!lh.exists(GoldTables.CARE_GAP)) {
      return null;
    }
    List<Row> top = lh.table(GoldTables.CARE_GAP).filter(col("status").equalTo(lit("open"))
        .and(col("organization_id").isNotNull())).groupBy("organization_id").count()
        .orderBy(col("count").desc(), col("organization_id")).limit(1).collectAsList();
    return top.isEmpty() ? null : top.get(0).getString(0);
  }

  static String password() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
