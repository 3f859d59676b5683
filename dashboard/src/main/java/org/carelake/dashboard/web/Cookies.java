package org.carelake.dashboard.web;

/**
 * The session and login cookies: HttpOnly, SameSite=Strict, and over HTTPS Secure with the {@code __Host-} prefix
 * (bound to this host and path /, never set by a subdomain). Plain HTTP (--no-tls, local development) drops Secure,
 * which browsers would otherwise refuse to send.
 */
public final class Cookies {
  private final boolean secure;

  public Cookies(boolean secure) {
    this.secure = secure;
  }

  public String sessionName() {
    return secure ? "__Host-carelake_session" : "carelake_session";
  }

  public String loginName() {
    return secure ? "__Host-carelake_login" : "carelake_login";
  }

  /**
   * The pre-login cookie an OIDC sign-in's state is bound to. SameSite=Lax, not Strict: the provider's redirect back
   * to /oidc/callback is a cross-site navigation, on which browsers withhold Strict cookies.
   */
  public String oidcName() {
    return secure ? "__Host-carelake_oidc" : "carelake_oidc";
  }

  public String setLax(String name, String value, long maxAgeSeconds) {
    return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
  }

  public String set(String name, String value) {
    return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  public String clear(String name) {
    return name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }
}
