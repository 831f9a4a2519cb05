package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.SchemaMigrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D-26 across releases (issue 17 §4): one chain holding records of formats 1, 2 and 3 verifies, each record under
 * its own format; format 3 covers the correlation; a column a record's format lacks must stay empty.
 * {@code TraceFormatsPostgresTest} runs the same on PostgreSQL.
 */
class TraceFormatsTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    /** A new database. Overridden on PostgreSQL. */
    Connection database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("formats-" + DATABASES.incrementAndGet()) + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("sa");
        new SchemaMigrator(ds).migrate();
        return ds.getConnection();
    }

    /** node:a with 2 records of each format after 3 of format 3, and a round that signs it. */
    JournalFixture journal() throws Exception {
        JournalFixture j = new JournalFixture(database());
        j.append("node:a", 3).appendEveryFormat("node:a").round();
        return j;
    }

    @Test
    void aChainOfEveryFormatVerifies() throws Exception {
        JournalFixture j = journal();
        TraceAudit.Report r = j.checkWithOutside();
        assertTrue(r.intact(), r.problems().toString());
        assertEquals(9, r.records());
        List<String> formats = new ArrayList<>();
        try (Statement s = j.c.createStatement();
                ResultSet rows = s.executeQuery("SELECT format, correlation_id IS NOT NULL FROM trace_record"
                        + " WHERE chain = 'node:a' ORDER BY chain_seq")) {
            while (rows.next()) {
                formats.add(rows.getObject(1) + ":" + rows.getBoolean(2));
            }
        }
        assertEquals(
                List.of(
                        "3:true",
                        "3:true",
                        "3:true",
                        "null:false",
                        "null:false",
                        "2:false",
                        "2:false",
                        "3:true",
                        "3:true"),
                formats);
    }

    @Test
    void eachFormatIsHeldToItsOwnFields() throws Exception {
        for (String[] change : new String[][] {
            {"correlation_id = '6f9619ff-8b86-4011-b42d-00c04fc964ff'", "4"}, // format 1: a column it lacks
            {"traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'", "6"}, // format 2: idem
            {"correlation_note = 'Correlationid replaced: not a UUID'", "6"},
            {"format = 3", "6"},
            {"format = 2", "8"}, // format 3 read as 2
            {"correlation_id = NULL", "8"},
            {"traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b8-01'", "9"},
        }) {
            JournalFixture j = journal();
            j.sql("UPDATE trace_record SET " + change[0] + " WHERE chain = 'node:a' AND chain_seq = " + change[1]);
            TraceAudit.Report r = j.check();
            assertEquals(1, r.problems().size(), change[0] + ": " + r.problems());
            EvidenceProblem p = r.problems().get(0);
            assertEquals(EvidenceProblem.Kind.ALTERED, p.kind(), change[0]);
            assertEquals(Long.parseLong(change[1]), p.from(), change[0]);
        }
    }
}
