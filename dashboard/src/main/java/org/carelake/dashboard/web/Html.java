package org.carelake.dashboard.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.carelake.dashboard.auth.WebSession;

/** HTML escaping and the page frame. Every value from data or from the user goes through {@link #esc}. */
public final class Html {
  private Html() {}

  public static String esc(Object o) {
    if (o == null) {
      return "";
    }
    String s = String.valueOf(o);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  public static String url(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  /** A hidden CSRF field for a form of this session. */
  public static String csrf(WebSession s) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(s.csrfToken()) + "\">";
  }

  /** A whole page: header with navigation for the session's role, the body, and the page's scripts. */
  public static String page(String title, WebSession s, String body, String... scripts) {
    return frame(title, s, "", body, scripts);
  }

  /**
   * A page that moves the browser on to {@code target} by itself (meta refresh, no script). After a cross-site
   * redirect (the OIDC provider's) browsers withhold SameSite=Strict cookies for the rest of that redirect chain;
   * a navigation this page starts is same-site again, so the new session cookie is sent.
   */
  public static String continuePage(String title, WebSession s, String target) {
    return frame(title, s, "<meta http-equiv=\"refresh\" content=\"0;url=" + esc(target) + "\">",
        "<p role=\"status\">Signed in. <a id=\"continue\" href=\"" + esc(target) + "\">Continue</a></p>");
  }

  private static String frame(String title, WebSession s, String head, String body, String... scripts) {
    StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">").append(head).append("<title>")
        .append(esc(title)).append(" · Carelake</title><link rel=\"stylesheet\" href=\"/static/dashboard.css\">"
        + "</head><body><header><span class=\"brand\">Carelake</span>");
    if (s != null) {
      b.append("<nav>");
      if (s.user().role().seesIdentifiedData()) {
        b.append("<a href=\"/worklist\">Worklist</a>");
      }
      b.append("<a href=\"/cohorts\">Cohorts</a><a href=\"/overview\">Population</a>");
      if (!s.user().signsInWithOidc()) {
        // The provider keeps the passwords of its users: nothing to change here.
        b.append("<a href=\"/account/password\">Password</a>");
      }
      b.append("</nav>")
          .append("<form method=\"post\" action=\"/logout\" class=\"logout\">")
          .append(csrf(s)).append("<span class=\"who\">").append(esc(s.user().name())).append(" (")
          .append(esc(s.user().role().id())).append(")</span><button type=\"submit\">Log out</button></form>");
    }
    b.append("</header><main><h1>").append(esc(title)).append("</h1>").append(body).append("</main>");
    for (String src : scripts) {
      b.append("<script src=\"").append(esc(src)).append("\"></script>");
    }
    return b.append("</body></html>").toString();
  }
}
