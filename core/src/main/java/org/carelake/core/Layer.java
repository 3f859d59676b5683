package org.carelake.core;

import java.util.Locale;

/** The medallion layers; each is a database in the catalog and a folder under the lakehouse root. */
public enum Layer {
  BRONZE, QUARANTINE, REF, SILVER, GOLD, OPS,
  /** De-identified copies of the analyst-facing tables (HIPAA Safe Harbor): what analysts read. */
  DEID;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Layer of(String name) {
    for (Layer l : values()) {
      if (l.dbName().equalsIgnoreCase(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown layer '" + name
        + "' (expected one of bronze, quarantine, ref, silver, gold, ops, deid)");
  }
}
