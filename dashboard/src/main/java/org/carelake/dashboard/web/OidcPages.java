package org.carelake.dashboard.web;

import static org.carelake.dashboard.web.Html.esc;

import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.carelake.dashboard.auth.SessionStore;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.WebSession;
import org.carelake.dashboard.oidc.OidcException;
import org.carelake.dashboard.oidc.OidcLogin;

/**
 * {@code /oidc/login} and {@code /oidc/callback}: the browser's side of the OIDC sign-in. A successful one opens the
 * same session a local login does (so roles, panels, CSRF and audit are unchanged). A failed one is a plain page;
 * the log and, once an ID token was involved, the audit name the reason. Codes and tokens never reach either.
 */
final class OidcPages {
  private static final Logger LOG = Logger.getLogger("org.carelake.dashboard.oidc");
  private static final Pattern BINDING = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final long BINDING_SECONDS = 600;
  private final Dashboard app;
  private final Cookies cookies;

  OidcPages(Dashboard app, Cookies cookies) {
    this.app = app;
    this.cookies = cookies;
  }

  Response start(Request req) {
    OidcLogin oidc = app.oidc().orElse(null);
    if (oidc == null) {
      return Response.text(404, "Not found.");
    }
    // One binding per browser: a second tab's sign-in must not orphan the first's.
    String existing = req.cookie(cookies.oidcName());
    String binding = existing != null && BINDING.matcher(existing).matches() ? existing : SessionStore.randomToken();
    try {
      return Response.redirect(oidc.start(binding).toString())
          .with("Set-Cookie", cookies.setLax(cookies.oidcName(), binding, BINDING_SECONDS));
    } catch (OidcException e) {
      return failed(req, e);
    }
  }

  Response callback(Request req) {
    OidcLogin oidc = app.oidc().orElse(null);
    if (oidc == null) {
      return Response.text(404, "Not found.");
    }
    User user;
    try {
      user = oidc.finish(req.query("state"), req.query("code"), req.query("error"), req.cookie(cookies.oidcName()));
    } catch (OidcException e) {
      return failed(req, e);
    }
    WebSession s = app.sessions().create(user);
    req.session(s);
    app.audit(req, "login", null, "oidc");
    return Response.html(200, Html.continuePage("Signed in", s, "/"))
        .with("Set-Cookie", cookies.set(cookies.sessionName(), s.id()))
        .with("Set-Cookie", cookies.clear(cookies.oidcName()));
  }

  private Response failed(Request req, OidcException e) {
    LOG.warning("oidc sign-in failed: " + e.getMessage());
    // Refusals of a verified identity and invalid ID tokens are audited; failures before the provider issued
    // anything (state, unreachable provider, OAuth errors) are only logged: anyone can cause those at will.
    if (e.kind() == OidcException.Kind.REFUSED || e.kind() == OidcException.Kind.INVALID_TOKEN) {
      app.audit(e.user(), null, "login.denied", null, "oidc: " + e.getMessage(), req.client());
    }
    int status = switch (e.kind()) {
      case PROVIDER -> 502;
      case STATE, OAUTH_ERROR -> 400;
      case INVALID_TOKEN -> 401;
      case REFUSED -> 403;
    };
    return Response.html(status, Html.page("Sign-in failed", null, "<p class=\"error\" role=\"alert\">"
        + esc(e.userMessage()) + "</p><p><a href=\"/login\">Back to the login page</a></p>"));
  }
}
