package org.carelake.dashboard.web;

import static org.carelake.dashboard.web.Html.esc;

import java.util.Arrays;
import org.carelake.dashboard.auth.PasswordHasher;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;
import org.carelake.dashboard.auth.WebSession;

/**
 * {@code /account/password}: a user changes their own password. The current password is asked again (a session left
 * open on a shared screen must not be enough), the POST carries the session's CSRF token like every other one, and
 * the change is audited; the password itself is never logged or echoed.
 */
final class AccountPages {
  private final Dashboard app;
  private final Cookies pagesCookies;

  AccountPages(Dashboard app, Cookies cookies) {
    this.app = app;
    this.pagesCookies = cookies;
  }

  /** OIDC users have no Carelake password: the page says where theirs is kept. */
  private Response notHere(Request req) {
    String provider = app.oidc().map(o -> o.settings().providerName()).orElse("your sign-in provider");
    return Response.html(404, Html.page("Change password", req.session(), "<p class=\"error\" role=\"alert\">You "
        + "sign in with " + esc(provider) + ": change your password there.</p><p><a href=\"/\">Back</a></p>"));
  }

  Response form(Request req, String error, int status) {
    WebSession s = req.session();
    if (s.user().signsInWithOidc()) {
      return notHere(req);
    }
    String body = (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>")
        + (s.user().mustChangePassword() ? "<p role=\"status\">Your password was generated: choose your own to "
            + "continue.</p>" : "")
        + "<form method=\"post\" action=\"/account/password\" class=\"login\">" + Html.csrf(s)
        + "<label>Current password <input type=\"password\" name=\"current\" id=\"current\" "
        + "autocomplete=\"current-password\" required></label>"
        + "<label>New password (at least " + UserStore.MIN_PASSWORD + " characters) <input type=\"password\" "
        + "name=\"new\" id=\"new\" autocomplete=\"new-password\" minlength=\"" + UserStore.MIN_PASSWORD
        + "\" required></label>"
        + "<label>New password again <input type=\"password\" name=\"again\" id=\"again\" "
        + "autocomplete=\"new-password\" required></label>"
        + "<button type=\"submit\" id=\"change\">Change password</button></form>";
    return Response.html(status, Html.page("Change password", s, body));
  }

  Response change(Request req) {
    WebSession s = req.session();
    if (s.user().signsInWithOidc()) {
      return notHere(req);
    }
    String current = req.form("current");
    String fresh = req.form("new");
    String again = req.form("again");
    if (current == null || app.login().authenticate(s.user().name(), current.toCharArray()).isEmpty()) {
      app.audit(req, "password.change.denied", null, "wrong current password");
      return form(req, "The current password is wrong (or the account is locked for a few minutes).", 403);
    }
    if (fresh == null || !fresh.equals(again)) {
      return form(req, "The new passwords differ.", 400);
    }
    if (fresh.length() < UserStore.MIN_PASSWORD) {
      return form(req, "Passwords need at least " + UserStore.MIN_PASSWORD + " characters.", 400);
    }
    if (fresh.equals(current)) {
      return form(req, "The new password must differ from the current one.", 400);
    }
    char[] chars = fresh.toCharArray();
    User u = app.users().find(s.user().name()).orElseThrow();
    app.audit(req, "password.change", null, null);
    app.users().put(new User(u.name(), u.role(), u.organizations(), new PasswordHasher().hash(chars), u.disabled()));
    Arrays.fill(chars, '\0');
    if (s.user().mustChangePassword()) {
      // The session still carries the old flag: end it, and the next login goes straight to the pages.
      app.sessions().end(s.id());
      return Response.redirect("/login").with("Set-Cookie", pagesCookies.clear(pagesCookies.sessionName()));
    }
    return Response.html(200, Html.page("Password changed", s, "<p class=\"ok\" role=\"status\">Your password was "
        + "changed.</p><p><a href=\"/\">Back</a></p>"));
  }
}
