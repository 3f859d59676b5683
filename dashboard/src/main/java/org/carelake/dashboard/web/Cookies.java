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

  public String set(String name, String value) {
    return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  public String clear(String name) {
    return name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }
}
