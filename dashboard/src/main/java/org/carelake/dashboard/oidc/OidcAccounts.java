package org.carelake.dashboard.oidc;

import java.util.Optional;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;

/**
 * OIDC identities as rows of {@code ops.user}, so that sessions, panels, outreach and audit treat them like local
 * users. The row's password hash is replaced by {@code oidc:<issuer>#<sub>}: it binds the name to one identity of
 * one provider and can never match a password. A name held by a local account, or bound to another subject (a
 * recycled user name at the provider), is refused rather than taken over; a disabled row stays disabled. Role and
 * organizations follow the provider's claims at every sign-in.
 */
final class OidcAccounts {
  private final UserStore users;
  private final String issuer;

  OidcAccounts(UserStore users, String issuer) {
    this.users = users;
    this.issuer = issuer;
  }

  String binding(String subject) {
    return User.OIDC_PREFIX + issuer + "#" + subject;
  }

  User signIn(IdentityMapper.Identity id) throws OidcException {
    String binding = binding(id.subject());
    Optional<User> existing = users.find(id.name());
    if (existing.isPresent()) {
      User u = existing.get();
      if (!u.signsInWithOidc()) {
        throw IdentityMapper.refused(id.name(), "user name belongs to a local account",
            "The user name " + id.name() + " belongs to a local Carelake account. Ask your administrator.");
      }
      if (!binding.equals(u.passwordHash())) {
        throw IdentityMapper.refused(id.name(), "user name is bound to another OIDC subject",
            "The user name " + id.name() + " belongs to another identity. Ask your administrator.");
      }
      if (u.disabled()) {
        throw IdentityMapper.refused(id.name(), "account disabled", "Your Carelake account is disabled.");
      }
      if (u.role() == id.role() && u.organizations().equals(id.organizations())) {
        return u;
      }
    }
    User fresh = new User(id.name(), id.role(), id.organizations(), binding, false, false);
    users.put(fresh);
    return fresh;
  }
}
