package org.carelake.dashboard.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.UserStore;

/**
 * Who a verified ID token is in Carelake's terms. The claims are configured by name; a dotted name reaches into
 * nested objects (Keycloak's {@code realm_access.roles}). The role claim is a string, or a list of which exactly one
 * entry is a Carelake role (other entries, such as a provider's default roles, are ignored); anything else refuses
 * the sign-in. Organizations (a list, or one string) count for care managers only, who need at least one.
 */
final class IdentityMapper {
  private static final int MAX_ORGANIZATION_LENGTH = 200;
  private final OidcSettings settings;

  /** A mapped identity: the Carelake user name, role and organizations, and the provider's subject. */
  record Identity(String name, Role role, List<String> organizations, String subject) {}

  IdentityMapper(OidcSettings settings) {
    this.settings = settings;
  }

  Identity map(JWTClaimsSet claims) throws OidcException {
    Map<String, Object> all = claims.getClaims();
    String name = name(all, claims.getSubject());
    Role role = role(all, name);
    List<String> organizations = role == Role.CARE_MANAGER ? organizations(all, name) : List.of();
    return new Identity(name, role, organizations, claims.getSubject());
  }

  private String name(Map<String, Object> all, String subject) throws OidcException {
    Object claimed = claim(all, settings.usernameClaim());
    String raw = claimed instanceof String s && !s.isBlank() ? s : subject;
    String name = raw.strip().toLowerCase(Locale.ROOT);
    try {
      return UserStore.checkName(name);
    } catch (IllegalArgumentException e) {
      throw refused(null, "user name from " + settings.usernameClaim() + " is not a valid Carelake user name",
          "Your user name at the provider cannot be used in Carelake (1-64 of a-z 0-9 . _ -).");
    }
  }

  private Role role(Map<String, Object> all, String name) throws OidcException {
    Object claimed = claim(all, settings.roleClaim());
    if (claimed == null) {
      throw refused(name, "role claim " + settings.roleClaim() + " missing",
          "Your account has no Carelake role (claim " + settings.roleClaim() + "). Ask your administrator.");
    }
    Set<Role> roles = new LinkedHashSet<>();
    for (Object v : claimed instanceof List<?> l ? l : List.of(claimed)) {
      try {
        roles.add(Role.parse(String.valueOf(v)));
      } catch (IllegalArgumentException e) {
        // Not a Carelake role: a provider's own roles share the claim; a lone unknown value leaves the set empty.
      }
    }
    if (roles.size() != 1) {
      throw refused(name, "role claim " + settings.roleClaim() + " names " + (roles.isEmpty() ? "no" : "several")
          + " Carelake role" + (roles.isEmpty() ? "" : "s"), "Your account's Carelake role (claim "
          + settings.roleClaim() + ") is not one of care_manager, analyst or admin, or names several. "
          + "Ask your administrator.");
    }
    return roles.iterator().next();
  }

  private List<String> organizations(Map<String, Object> all, String name) throws OidcException {
    Object claimed = claim(all, settings.organizationsClaim());
    List<?> values = claimed instanceof List<?> l ? l : claimed == null ? List.of() : List.of(claimed);
    List<String> out = new ArrayList<>();
    for (Object v : values) {
      String org = v == null ? "" : String.valueOf(v).strip();
      if (!org.isEmpty() && org.length() <= MAX_ORGANIZATION_LENGTH && !out.contains(org)) {
        out.add(org);
      }
    }
    if (out.isEmpty()) {
      throw refused(name, "care manager without organizations (claim " + settings.organizationsClaim() + ")",
          "Your account is a care manager without organizations (claim " + settings.organizationsClaim()
              + "). Ask your administrator.");
    }
    return out;
  }

  /** A claim by name, or by a dotted path into nested objects when no top-level claim has the whole name. */
  static Object claim(Map<String, Object> all, String name) {
    if (all.containsKey(name)) {
      return all.get(name);
    }
    Object at = all;
    for (String part : name.split("\\.")) {
      if (!(at instanceof Map<?, ?> m)) {
        return null;
      }
      at = m.get(part);
    }
    return at;
  }

  static OidcException refused(String name, String reason, String userMessage) {
    return new OidcException(OidcException.Kind.REFUSED, reason, userMessage).withUser(name);
  }
}
