package fr.interopsr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.admin.login.AdminAccounts;
import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.admin.login.LoginGuard.AccountState;
import fr.interopsr.admin.login.PasswordHashes;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin-user} against an H2 file database made by the WAR's {@code SchemaMigrator}: the options of the former
 * {@code AdminUserTool} (create or reset, {@code --disable}, {@code --enable}, {@code --unlock}), and its refusals.
 */
class AdminUserToolTest {

    @TempDir
    Path dir;

    String url;

    @BeforeEach
    void database() throws Exception {
        url = ToolRun.newDatabase(dir);
    }

    private ToolRun adminUser(String stdin, String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "admin-user";
        args[1] = "--jdbc-url";
        args[2] = url;
        args[3] = "--jdbc-user";
        args[4] = "sa";
        System.arraycopy(options, 0, args, 5, options.length);
        return ToolRun.of(stdin, Map.of("INTEROPS_JDBC_PASSWORD", ""), args);
    }

    private AdminAccounts.Account account(String name) throws Exception {
        try (Connection c = ToolRun.connect(url)) {
            return AdminAccounts.find(c, name).orElseThrow();
        }
    }

    @Test
    void savesAnAdministratorWithThePasswordReadFromStandardInput() throws Exception {
        ToolRun run = adminUser("a long enough password\n", "--user", "alice", "--roles", "interops-admin");
        assertEquals(0, run.exit(), run.err());
        assertEquals("administrator alice saved with roles [interops-admin]\n", run.out());
        AdminAccounts.Account alice = account("alice");
        assertEquals(Set.of(AdminRoles.ADMIN), alice.roles());
        assertFalse(alice.disabled());
        assertTrue(PasswordHashes.verify("a long enough password".toCharArray(), alice.passwordHash()));

        // again: the password and the roles are reset
        run = adminUser("another password of alice", "--user", "alice", "--roles", "interops-admin,interops-auditor");
        assertEquals(0, run.exit(), run.err());
        alice = account("alice");
        assertEquals(Set.of(AdminRoles.ADMIN, AdminRoles.AUDITOR), alice.roles());
        assertTrue(PasswordHashes.verify("another password of alice".toCharArray(), alice.passwordHash()));
    }

    @Test
    void makesAndPrintsAPasswordWhenStandardInputIsEmpty() throws Exception {
        ToolRun run = adminUser("", "--user", "bob", "--roles", "interops-auditor");
        assertEquals(0, run.exit(), run.err());
        Matcher m = Pattern.compile("administrator bob saved with roles \\[interops-auditor\\]; password: (\\S+)\n")
                .matcher(run.out());
        assertTrue(m.matches(), run.out());
        assertTrue(
                PasswordHashes.verify(m.group(1).toCharArray(), account("bob").passwordHash()));
    }

    @Test
    void disablesAndEnablesAnAccountAndChangesNothingElse() throws Exception {
        assertEquals(
                0, adminUser("", "--user", "carol", "--roles", "interops-admin").exit());
        String hash = account("carol").passwordHash();
        ToolRun run = adminUser("", "--user", "carol", "--disable");
        assertEquals(0, run.exit(), run.err());
        assertEquals("administrator carol disabled\n", run.out());
        assertTrue(account("carol").disabled());
        assertEquals(hash, account("carol").passwordHash());
        run = adminUser("", "--enable", "--user", "carol");
        assertEquals(0, run.exit(), run.err());
        assertEquals("administrator carol enabled\n", run.out());
        assertFalse(account("carol").disabled());
        assertEquals(Set.of(AdminRoles.ADMIN), account("carol").roles());
    }

    /** Issue 14 §2: the lockout is lifted when no other administrator can log in (was in LoginGuardTest). */
    @Test
    void unlockLiftsALockWhenNoOtherAdministratorCan() throws Exception {
        try (Connection c = ToolRun.connect(url)) {
            AdminAccounts.save(
                    c, "dave", PasswordHashes.hash("dave's password".toCharArray()), Set.of(AdminRoles.ADMIN));
            Instant t = Instant.parse("2026-12-05T10:00:00Z");
            AdminAccounts.saveLoginState(c, "dave", new AccountState(10, t, t));
            assertTrue(AdminAccounts.loginState(c, "dave").locked());
        }
        ToolRun run = adminUser("", "--user", "dave", "--unlock");
        assertEquals(0, run.exit(), run.err());
        assertEquals("administrator dave unlocked (failed logins forgotten)\n", run.out());
        try (Connection c = ToolRun.connect(url)) {
            assertEquals(AccountState.CLEAN, AdminAccounts.loginState(c, "dave"));
        }
    }

    @Test
    void anUnknownAdministratorExitsOne() {
        for (String action : List.of("--unlock", "--disable", "--enable")) {
            ToolRun run = adminUser("", "--user", "nobody", action);
            assertEquals(1, run.exit(), action);
            assertEquals("no administrator nobody\n", run.err(), action);
        }
    }

    @Test
    void commandLinesItCannotRunExitTwoWithTheReasonAndTheUsage() throws Exception {
        Map<String, List<String>> refused = Map.of(
                "--jdbc-url and a valid --user are required", List.of("--roles", "interops-admin"),
                "option --user needs a value", List.of("--user"),
                "unknown option --role", List.of("--user", "erin", "--role", "interops-admin"),
                "roles are ", List.of("--user", "erin", "--roles", "interops-root"),
                "--unlock changes nothing else", List.of("--user", "erin", "--unlock", "--disable"),
                "--disable and --enable change nothing else", List.of("--user", "erin", "--disable", "--roles", "x"),
                "a password has at least 12 characters", List.of("--user", "erin", "--roles", "interops-admin"));
        for (Map.Entry<String, List<String>> e : refused.entrySet()) {
            ToolRun run = adminUser("short", e.getValue().toArray(String[]::new));
            assertEquals(2, run.exit(), e.getKey());
            assertTrue(run.err().startsWith(e.getKey()), run.err());
            assertTrue(run.err().contains("usage: java -jar interops-tools.jar admin-user"), run.err());
            assertEquals("", run.out());
        }
        ToolRun invalidName = adminUser("", "--user", "not a name", "--unlock");
        assertEquals(2, invalidName.exit());
        try (Connection c = ToolRun.connect(url)) {
            assertTrue(AdminAccounts.find(c, "erin").isEmpty(), "nothing was saved");
        }
    }
}
