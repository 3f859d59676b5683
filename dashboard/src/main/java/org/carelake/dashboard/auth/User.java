package org.carelake.dashboard.auth;

import java.util.List;
import java.util.Set;

/** A dashboard account as stored in {@code ops.user}. */
public record User(String name, Role role, List<String> organizations, String passwordHash, boolean disabled) {
  public User {
    organizations = List.copyOf(organizations);
  }

  /** True when the user may see identified data of a person attributed to these organizations. */
  public boolean mayView(Set<String> personOrganizations) {
    return switch (role) {
      case ADMIN -> true;
      case ANALYST -> false;
      case CARE_MANAGER -> organizations.stream().anyMatch(personOrganizations::contains);
    };
  }
}
