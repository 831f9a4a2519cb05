package fr.interopsr.admin.login;

import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.platform.SchemaMigrator;
import java.sql.Connection;
import java.util.Optional;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a console session holds while its account is enabled and keeps the password and roles
 * it had at login; a disabled account is stored and read back; a POST a browser marks as coming
 * from another site is refused whatever its CSRF token.
 */
class AdminSessionRuleTest {

    private static final String HASH = "PBKDF2WithHmacSHA256:3072:c2FsdA==:aGFzaA==";
    private static final AdminAccounts.Account ALICE =
            new AdminAccounts.Account("alice", HASH, Set.of(AdminRoles.ADMIN, AdminRoles.AUDITOR), false);

    @Test
    void aSessionHoldsWhileTheAccountIsUnchanged() {
        String stamp = ALICE.stamp();
        assertTrue(AdminAccounts.sessionHolds(stamp, Optional.of(ALICE)));
        // the roles' order in the column does not matter
        assertTrue(AdminAccounts.sessionHolds(
                stamp,
                Optional.of(new AdminAccounts.Account(
                        "alice",
                        HASH,
                        new java.util.LinkedHashSet<>(java.util.List.of(AdminRoles.AUDITOR, AdminRoles.ADMIN)),
                        false))));
    }

    @Test
    void aSessionEndsWhenThePasswordTheRolesOrTheStateChange() {
        String stamp = ALICE.stamp();
        assertFalse(
                AdminAccounts.sessionHolds(
                        stamp, Optional.of(new AdminAccounts.Account("alice", HASH + "x", ALICE.roles(), false))),
                "password");
        assertFalse(
                AdminAccounts.sessionHolds(
                        stamp,
                        Optional.of(new AdminAccounts.Account("alice", HASH, Set.of(AdminRoles.AUDITOR), false))),
                "roles");
        assertFalse(
                AdminAccounts.sessionHolds(
                        stamp, Optional.of(new AdminAccounts.Account("alice", HASH, ALICE.roles(), true))),
                "disabled");
        assertFalse(AdminAccounts.sessionHolds(stamp, Optional.empty()), "removed");
        assertFalse(AdminAccounts.sessionHolds(null, Optional.of(ALICE)), "a session without a stamp");
    }

    @Test
    void anAccountIsDisabledAndEnabledInTheDatabase() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:admin-accounts;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        new SchemaMigrator(ds).migrate();
        try (Connection c = ds.getConnection()) {
            AdminAccounts.save(
                    c, "bob", PasswordHashes.hash("a long password".toCharArray()), Set.of(AdminRoles.ADMIN));
            assertFalse(AdminAccounts.find(c, "bob").orElseThrow().disabled(), "enabled by default");
            assertTrue(AdminAccounts.setDisabled(c, "bob", true));
            assertTrue(AdminAccounts.find(c, "bob").orElseThrow().disabled());
            AdminAccounts.save(
                    c, "bob", PasswordHashes.hash("another long one".toCharArray()), Set.of(AdminRoles.ADMIN));
            assertTrue(AdminAccounts.find(c, "bob").orElseThrow().disabled(), "a new password does not enable");
            assertTrue(AdminAccounts.setDisabled(c, "bob", false));
            assertFalse(AdminAccounts.find(c, "bob").orElseThrow().disabled());
            assertFalse(AdminAccounts.setDisabled(c, "nobody", true));
        }
    }

    @Test
    void aPostFromAnotherSiteIsRefused() {
        String host = "interops.example:8443";
        assertFalse(CsrfTokens.crossSite(null, null, host), "no header: the token decides");
        assertFalse(CsrfTokens.crossSite("https://interops.example:8443", "same-origin", host));
        assertFalse(CsrfTokens.crossSite(null, "same-origin", host));
        assertFalse(CsrfTokens.crossSite(null, "none", host), "typed in the address bar");
        assertTrue(CsrfTokens.crossSite("https://evil.example", null, host));
        assertTrue(CsrfTokens.crossSite("https://interops.example", null, host), "another port is another origin");
        assertTrue(CsrfTokens.crossSite("http://interops.example:8443", null, host), "plain HTTP is another origin");
        assertFalse(CsrfTokens.crossSite("null", null, host), "the console's no-referrer pages post with Origin: null");
        assertTrue(CsrfTokens.crossSite("null", "cross-site", host), "a cross-site opaque origin");
        assertTrue(CsrfTokens.crossSite(null, "cross-site", host));
        assertTrue(CsrfTokens.crossSite("https://interops.example:8443", "cross-site", host));
    }
}
