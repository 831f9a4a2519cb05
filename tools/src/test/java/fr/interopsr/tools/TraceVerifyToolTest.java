package fr.interopsr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trace-verify} on a new database (no chain yet) and its refusals. */
class TraceVerifyToolTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    @Test
    void aNewDatabaseHasNoBrokenChainAndExitsZero() throws Exception {
        String url = ToolRun.newDatabase(dir);
        ToolRun run = ToolRun.of(
                "",
                Map.of("INTEROPS_TRACES_HMAC_KEY", KEY, "INTEROPS_JDBC_PASSWORD", ""),
                "trace-verify",
                "--jdbc-url",
                url,
                "--jdbc-user",
                "sa");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out(), "no chain, nothing to report");
        assertEquals("", run.err());
    }

    @Test
    void withoutTheKeyOrTheUrlItExitsTwo() {
        ToolRun noKey = ToolRun.of("", Map.of(), "trace-verify", "--jdbc-url", "jdbc:h2:mem:none");
        assertEquals(2, noKey.exit());
        assertTrue(noKey.err().startsWith("--jdbc-url and INTEROPS_TRACES_HMAC_KEY are required"), noKey.err());
        assertTrue(noKey.err().contains("usage: INTEROPS_TRACES_HMAC_KEY=<base64> java -jar interops-tools.jar"));
        ToolRun noUrl = ToolRun.of("", Map.of("INTEROPS_TRACES_HMAC_KEY", KEY), "trace-verify");
        assertEquals(2, noUrl.exit());
        ToolRun unknown = ToolRun.of("", Map.of("INTEROPS_TRACES_HMAC_KEY", KEY), "trace-verify", "--url", "x");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("unknown option --url"), unknown.err());
    }

    @Test
    void aDatabaseThatDoesNotExistExitsOne() {
        String url = "jdbc:h2:file:" + dir.resolve("absent").toAbsolutePath() + ";IFEXISTS=TRUE";
        ToolRun run = ToolRun.of("", Map.of("INTEROPS_TRACES_HMAC_KEY", KEY), "trace-verify", "--jdbc-url", url);
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("trace-verify failed: "), run.err());
    }
}
