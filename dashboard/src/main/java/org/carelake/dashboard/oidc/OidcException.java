package org.carelake.dashboard.oidc;

/**
 * A sign-in that cannot go on. {@code getMessage()} is the reason for the log and the audit (never a token, code or
 * secret); {@link #userMessage()} is what the browser is told; {@link #kind()} picks the HTTP status.
 */
public final class OidcException extends Exception {
  /** Where the sign-in failed. */
  public enum Kind {
    /** The provider could not be reached or answered with something that is not OIDC. */
    PROVIDER,
    /** The state did not match a sign-in this browser started (forged, replayed or expired). */
    STATE,
    /** The provider answered with an OAuth error (at the authorization or the token endpoint). */
    OAUTH_ERROR,
    /** The ID token failed a check. */
    INVALID_TOKEN,
    /** The token is valid, but the identity may not use Carelake (role, organizations, name). */
    REFUSED
  }

  private final Kind kind;
  private final String userMessage;
  private String user;

  public OidcException(Kind kind, String reason, String userMessage) {
    super(reason);
    this.kind = kind;
    this.userMessage = userMessage;
  }

  public OidcException(Kind kind, String reason, String userMessage, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
    this.userMessage = userMessage;
  }

  public Kind kind() {
    return kind;
  }

  public String userMessage() {
    return userMessage;
  }

  /** The Carelake user name, when the failure came after the identity was known (for the audit entry). */
  public String user() {
    return user;
  }

  OidcException withUser(String name) {
    this.user = name;
    return this;
  }
}
