package org.carelake.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.auth.DemoUsers;
import org.carelake.dashboard.auth.LoginService;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.UserStore;
import org.junit.jupiter.api.Test;

/** The demo's accounts: a care manager of the busiest organization and an admin, with passwords that work. */
class DemoUsersTest {
  @Test
  void demoAccountsLogInAndARerunReplacesTheirPasswords() {
    Lakehouse lh = DashboardFixture.lakehouse();
    List<DemoUsers.Credentials> first = DemoUsers.create(lh);
    DemoUsers.Credentials manager = first.get(0);
    assertEquals(DemoUsers.MANAGER, manager.name());
    assertEquals(List.of("org-a"), manager.organizations(), "org-a has three open gaps, org-b one");
    assertEquals(Role.ADMIN, first.get(1).role());
    UserStore users = new UserStore(lh);
    LoginService login = new LoginService(users::find, Duration.ofMinutes(5), Clock.systemUTC());
    assertTrue(login.authenticate(DemoUsers.MANAGER, manager.password().toCharArray()).isPresent());
    assertTrue(users.find(DemoUsers.MANAGER).orElseThrow().mustChangePassword(), "changed at the first login");

    List<DemoUsers.Credentials> again = DemoUsers.create(lh);
    assertNotEquals(manager.password(), again.get(0).password());
    assertTrue(login.authenticate(DemoUsers.MANAGER, manager.password().toCharArray()).isEmpty(), "old password");
    assertTrue(login.authenticate(DemoUsers.MANAGER, again.get(0).password().toCharArray()).isPresent());
    assertEquals(1, users.list().stream().filter(u -> u.name().equals(DemoUsers.MANAGER)).count(),
        "replaced, not added");
  }
}
