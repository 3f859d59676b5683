package org.carelake.orchestration.airflow;

import java.util.Locale;

/** The two versions of Airflow's stable REST API, and what differs between them for Carelake's client. */
public enum AirflowApi {
  /** Airflow 2.x: basic auth (or a bearer token), logs as plain text, logical_date optional. */
  V1("/api/v1", "Airflow 2.x"),
  /** Airflow 3.x: a JWT from POST /auth/token, logs as JSON lines, logical_date required (nullable). */
  V2("/api/v2", "Airflow 3.x");

  private final String prefix;
  private final String airflow;

  AirflowApi(String prefix, String airflow) {
    this.prefix = prefix;
    this.airflow = airflow;
  }

  /** The path of this API under Airflow's base URL. */
  public String prefix() {
    return prefix;
  }

  /** The Airflow versions that serve it, for messages. */
  public String airflow() {
    return airflow;
  }

  /** {@code v1} or {@code v2}; null for {@code auto} (detect). */
  public static AirflowApi parse(String name) {
    String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "v1" -> V1;
      case "v2" -> V2;
      case "auto" -> null;
      default -> throw new IllegalArgumentException("--api takes v1 (Airflow 2.x), v2 (Airflow 3.x) or auto; got '"
          + name + "'");
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
