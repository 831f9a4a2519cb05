package fr.interopsr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The dispatcher of {@code interops-tools.jar}: commands, {@code --help}, exit codes (issue 14 §5). */
class InteropsToolsTest {

    @Test
    void helpNamesBothCommandsOnStandardOutputAndExitsZero() {
        for (String help : new String[] {"--help", "-h", "help"}) {
            ToolRun run = ToolRun.of(help);
            assertEquals(0, run.exit(), help);
            assertTrue(run.out().contains("java -jar interops-tools.jar COMMAND"), run.out());
            assertTrue(run.out().contains("admin-user"), run.out());
            assertTrue(run.out().contains("trace-verify"), run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        ToolRun admin = ToolRun.of("admin-user", "--help");
        assertEquals(0, admin.exit());
        assertTrue(admin.out().contains("--disable|--enable"), admin.out());
        assertTrue(admin.out().contains("--unlock"), admin.out());
        assertTrue(admin.out().contains("interops-admin"), admin.out());
        ToolRun verify = ToolRun.of("trace-verify", "--jdbc-url", "jdbc:h2:mem:x", "--help");
        assertEquals(0, verify.exit());
        assertTrue(verify.out().contains("INTEROPS_TRACES_HMAC_KEY"), verify.out());
    }

    @Test
    void noCommandOrAnUnknownOneExitsTwoWithTheHelpOnStandardError() {
        ToolRun none = ToolRun.of();
        assertEquals(2, none.exit());
        assertEquals("", none.out());
        assertTrue(none.err().contains("admin-user"), none.err());
        ToolRun unknown = ToolRun.of("AdminUserTool", "--user", "alice");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("unknown command AdminUserTool"), unknown.err());
    }

    @Test
    void aDatabaseErrorExitsOneWithItsMessage() {
        ToolRun run = ToolRun.of(
                "",
                java.util.Map.of(),
                "admin-user",
                "--jdbc-url",
                "jdbc:nosuchdriver://db",
                "--user",
                "alice",
                "--unlock");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("admin-user failed: java.sql.SQLException"), run.err());
    }
}
