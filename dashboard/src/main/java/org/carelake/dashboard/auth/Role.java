package org.carelake.dashboard.auth;

import java.util.Locale;

/** What a dashboard user may see. */
public enum Role {
  /** Identified data of the people attributed to the user's organizations only. */
  CARE_MANAGER,
  /** Aggregates only: no identified patient page, worklist or export. */
  ANALYST,
  /** Everything, every organization. */
  ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String s) {
    for (Role r : values()) {
      if (r.id().equalsIgnoreCase(s)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + s + "' (expected care_manager, analyst or admin)");
  }

  public boolean seesIdentifiedData() {
    return this != ANALYST;
  }
}
