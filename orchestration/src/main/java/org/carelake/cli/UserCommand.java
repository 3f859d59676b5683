package org.carelake.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.auth.AccessTokens;
import org.carelake.dashboard.auth.PasswordHasher;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code carelake user add|list}: the dashboard's local accounts in {@code ops.user}. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Dashboard users (ops.user).",
    subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.ListUsers.class,
        UserCommand.Token.class})
final class UserCommand {
  @ParentCommand
  Carelake root;

  static final int MIN_PASSWORD = UserStore.MIN_PASSWORD;

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a user, or replace one of that name (new password, role and organizations). The password "
          + "comes from --password-file, else the console (asked twice), else the first line of standard input.")
  static final class Add implements Callable<Integer> {
    @ParentCommand
    UserCommand parent;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, description = "care_manager, analyst or admin.")
    String role;

    @Option(names = "--org", paramLabel = "ORG_ID", description = "An organization whose attributed people a "
        + "care_manager sees (repeatable; the organization_id of gold.care_gap).")
    List<String> orgs = List.of();

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
      UserStore.checkName(name);
      Role r = Role.parse(role);
      char[] password = readPassword();
      if (password.length < MIN_PASSWORD) {
        throw new IllegalArgumentException("passwords need at least " + MIN_PASSWORD + " characters");
      }
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake user");
      new UserStore(lh).put(new User(name, r, orgs, new PasswordHasher().hash(password), false));
      Arrays.fill(password, '\0');
      System.out.println("user " + name + " (" + r.id() + (orgs.isEmpty() ? "" : ", " + String.join(", ", orgs))
          + ") saved in " + UserStore.TABLE);
      return Carelake.OK;
    }

    private char[] readPassword() throws Exception {
      return UserCommand.readPassword(passwordFile, name);
    }
  }

  /**
   * The password from the file's first line, else the console (asked twice, not echoed), else the first line of
   * standard input; never from the command line, where other users' {@code ps} and the shell history would see it.
   */
  static char[] readPassword(Path passwordFile, String name) throws Exception {
    if (passwordFile != null) {
      List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
      return lines.isEmpty() ? new char[0] : lines.get(0).toCharArray();
    }
    Console console = System.console();
    if (console != null) {
      char[] a = console.readPassword("password for %s: ", name);
      char[] b = console.readPassword("again: ");
      if (a == null || !Arrays.equals(a, b)) {
        throw new IllegalArgumentException("the passwords differ");
      }
      return a;
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null ? new char[0] : line.toCharArray();
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true,
      description = "Set a user's new password, keeping role and organizations. The password comes from the console "
          + "(asked twice), else the first line of standard input, or --password-file; never from the command line.")
  static final class Passwd implements Callable<Integer> {
    @ParentCommand
    UserCommand parent;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
      UserStore.checkName(name);
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake user");
      UserStore store = new UserStore(lh);
      User u = store.find(name).orElseThrow(() -> new IllegalArgumentException("no user '" + name + "' in "
          + UserStore.TABLE));
      if (u.signsInWithOidc()) {
        // A password would turn the provider's user into a local account the provider no longer controls.
        throw new IllegalArgumentException("user '" + name + "' signs in with OIDC; the provider keeps its password");
      }
      char[] password = readPassword(passwordFile, name);
      if (password.length < MIN_PASSWORD) {
        throw new IllegalArgumentException("passwords need at least " + MIN_PASSWORD + " characters");
      }
      store.put(new User(u.name(), u.role(), u.organizations(), new PasswordHasher().hash(password), u.disabled()));
      Arrays.fill(password, '\0');
      AsUser.audit(lh, "cli:" + System.getProperty("user.name"), "operator", "password.set", "user=" + name);
      System.out.println("password of " + name + " changed in " + UserStore.TABLE);
      return Carelake.OK;
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true,
      description = "Print a new access token for the SQL endpoint (./carelake connect), replacing the user's "
          + "previous one; only its hash is stored (ops.access_token). --revoke deletes it.")
  static final class Token implements Callable<Integer> {
    @ParentCommand
    UserCommand parent;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--revoke", description = "Delete the user's token instead.")
    boolean revoke;

    @Override
    public Integer call() throws Exception {
      UserStore.checkName(name);
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake user");
      User u = new UserStore(lh).find(name).orElseThrow(() -> new IllegalArgumentException("no user '" + name
          + "' in " + UserStore.TABLE));
      AccessTokens tokens = new AccessTokens(lh);
      String operator = "cli:" + System.getProperty("user.name");
      if (revoke) {
        boolean had = tokens.revoke(name);
        AsUser.audit(lh, operator, "operator", "token.revoke", "user=" + name);
        System.out.println(had ? "token of " + name + " revoked" : name + " had no token");
        return Carelake.OK;
      }
      if (u.role() == Role.CARE_MANAGER) {
        throw new IllegalArgumentException(name + " is a care_manager: care managers have no SQL access");
      }
      String token = tokens.issue(name);
      AsUser.audit(lh, operator, "operator", "token.issue", "user=" + name);
      System.err.println("the token of " + name + " (" + u.role().id() + "), shown once; it replaces any previous "
          + "one. Connect with sc://HOST:15002/;token=TOKEN");
      System.out.println(token);
      return Carelake.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users, roles and organizations.")
  static final class ListUsers implements Callable<Integer> {
    @ParentCommand
    UserCommand parent;

    @Override
    public Integer call() {
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake user");
      List<User> users = new UserStore(lh).list();
      System.out.printf("%-24s %-13s %-8s %s%n", "name", "role", "status", "organizations");
      for (User u : users) {
        System.out.printf("%-24s %-13s %-8s %s%n", u.name() + (u.signsInWithOidc() ? " (oidc)" : ""), u.role().id(),
            u.disabled() ? "disabled" : "active", String.join(", ", u.organizations()));
      }
      return Carelake.OK;
    }
  }
}
