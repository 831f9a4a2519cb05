package fr.interopsr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.trace.CheckpointKeys;
import fr.interopsr.trace.JournalFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace-verify} (issue 15): on a new database, on a journal written as the server writes it,
 * untouched then tampered with, with the checkpoint keys and the checkpoints kept outside; and its refusals.
 */
class TraceVerifyToolTest {

    private static final String KEY = Base64.getEncoder().encodeToString(JournalFixture.HMAC);

    @TempDir
    Path dir;

    private Path keys() throws Exception {
        Path keys = dir.resolve("checkpoint-keys.jwks");
        Files.writeString(keys, CheckpointKeys.of(List.of(JournalFixture.KEY)).toJwks());
        return keys;
    }

    private ToolRun verify(String url, String... more) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("trace-verify", "--jdbc-url", url, "--jdbc-user", "sa", "--keys", keys().toString()));
        args.addAll(List.of(more));
        return ToolRun.of("", Map.of("INTEROPS_TRACES_HMAC_KEY", KEY), args.toArray(String[]::new));
    }

    @Test
    void aNewDatabaseIsIntactAndExitsZero() throws Exception {
        ToolRun run = verify(ToolRun.newDatabase(dir));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("INTACT\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void aTamperedJournalIsReportedAsTheApiNamesItAndExitsOne() throws Exception {
        String url = ToolRun.newDatabase(dir);
        Path outside = dir.resolve("checkpoints.log");
        try (Connection c = ToolRun.connect(url)) {
            JournalFixture j = JournalFixture.standard(c);
            Files.write(outside, j.outside);
            ToolRun intact = verify(url, "--checkpoints", outside.toString());
            assertEquals(0, intact.exit(), intact.out() + intact.err());
            assertTrue(intact.out().contains("5 kept outside compared, intact"), intact.out());
            j.sql(
                    "DELETE FROM trace_record WHERE chain = 'node:b'",
                    "DELETE FROM trace_chain_head WHERE chain = 'node:b'",
                    "DELETE FROM trace_record WHERE chain = 'node:a' AND chain_seq = 4",
                    "DELETE FROM trace_checkpoint_round WHERE round_seq = 5");
        }
        ToolRun run = verify(url, "--checkpoints", outside.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("missing node:a 4: records 4 are missing (deleted)"), run.out());
        assertTrue(run.out().contains("chain-missing node:b 1..10"), run.out());
        assertTrue(run.out().contains("checkpoint-missing node:a 5:"), run.out());
        assertTrue(run.out().endsWith("BROKEN\n"), run.out());
    }

    @Test
    void recordsOfEveryFormatVerifyAndACorrelationWrittenIntoAnOldOneIsFound() throws Exception {
        String url = ToolRun.newDatabase(dir);
        try (Connection c = ToolRun.connect(url)) {
            new JournalFixture(c)
                    .append("node:a", 2)
                    .appendEveryFormat("node:a")
                    .round();
        }
        ToolRun intact = verify(url);
        assertEquals(0, intact.exit(), intact.out() + intact.err());
        assertTrue(intact.out().contains("node:a: intact, 8 record(s) checked"), intact.out());
        try (Connection c = ToolRun.connect(url)) {
            new JournalFixture(c)
                    .sql("UPDATE trace_record SET correlation_id = '6f9619ff-8b86-4011-b42d-00c04fc964ff'"
                            + " WHERE chain = 'node:a' AND chain_seq = 5"); // a record of format 2 (D-26, issue 17)
        }
        ToolRun run = verify(url);
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("altered node:a 5:"), run.out());
    }

    @Test
    void withoutTheKeysTheKeyOrTheUrlItExitsTwo() throws Exception {
        ToolRun noKey = ToolRun.of("", Map.of(), "trace-verify", "--jdbc-url", "jdbc:h2:mem:none");
        assertEquals(2, noKey.exit());
        assertTrue(noKey.err().startsWith("--jdbc-url, --keys and INTEROPS_TRACES_HMAC_KEY are required"), noKey.err());
        assertTrue(noKey.err().contains("usage: INTEROPS_TRACES_HMAC_KEY=<base64>"), noKey.err());
        ToolRun noKeys = ToolRun.of("", Map.of("INTEROPS_TRACES_HMAC_KEY", KEY), "trace-verify", "--jdbc-url", "x");
        assertEquals(2, noKeys.exit(), "no signature goes unchecked: the checkpoint keys are required");
        ToolRun unknown = ToolRun.of("", Map.of("INTEROPS_TRACES_HMAC_KEY", KEY), "trace-verify", "--url", "x");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("unknown option --url"), unknown.err());
        Path notJwks = dir.resolve("not.jwks");
        Files.writeString(notJwks, "{}");
        ToolRun bad = ToolRun.of(
                "",
                Map.of("INTEROPS_TRACES_HMAC_KEY", KEY),
                "trace-verify",
                "--jdbc-url",
                "x",
                "--keys",
                notJwks.toString());
        assertEquals(2, bad.exit(), bad.err());
    }

    @Test
    void aDatabaseThatDoesNotExistExitsOne() throws Exception {
        ToolRun run = verify("jdbc:h2:file:" + dir.resolve("absent").toAbsolutePath() + ";IFEXISTS=TRUE");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("trace-verify failed: "), run.err());
    }
}
