package org.carelake.dashboard.auth;

import java.util.List;
import java.util.Set;

/**
 * A dashboard account as stored in {@code ops.user}. {@code mustChangePassword}: the password was generated (the
 * demo's accounts) and the dashboard asks for a new one before anything else. Users who sign in with OIDC have
 * {@code oidc:<issuer>#<sub>} instead of a password hash (see {@code OidcAccounts}): no password matches it.
 */
public record User(String name, Role role, List<String> organizations, String passwordHash, boolean disabled,
                   boolean mustChangePassword) {
  public static final String OIDC_PREFIX = "oidc:";

  public User {
    organizations = List.copyOf(organizations);
  }

  public User(String name, Role role, List<String> organizations, String passwordHash, boolean disabled) {
    this(name, role, organizations, passwordHash, disabled, false);
  }

  /** True for users of the OIDC provider: they have no password here to change. */
  public boolean signsInWithOidc() {
    return passwordHash != null && passwordHash.startsWith(OIDC_PREFIX);
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
