package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, P-47: this node's list is the table's rows in force, plus the revocations this node made lately (a reload
 * that raced with a commit must not hide them), and the last list stays when the table cannot be read.
 */
class RevocationsTest {

    /** A table in memory; {@code down} makes it fail as a database away would. */
    static final class Table extends RevocationStore {
        final List<Revocation> rows = new ArrayList<>();
        boolean down;

        @Override
        public void add(Revocation revocation) {
            rows.add(revocation);
        }

        @Override
        public List<Revocation> kept(Instant now) {
            if (down) {
                throw new IllegalStateException("database away");
            }
            return List.copyOf(rows);
        }

        @Override
        public Map<String, Set<String>> introspectionCertificates() {
            if (down) {
                throw new IllegalStateException("database away");
            }
            return Map.of("conv", Set.of("ab"));
        }
    }

    private static Revocations revocations(Table table) {
        Revocations r = new Revocations();
        r.store = table;
        return r;
    }

    private static Revocation now(String jti) {
        Instant t = Instant.now();
        return new Revocation(
                jti, Revocation.Kind.VI, "https://idp/", jti, null, null, t, t, "client:c", t.plusSeconds(600), null);
    }

    @Test
    void aRevocationMadeHereHoldsAtOnceAndSurvivesAReloadThatMissedIt() {
        Table table = new Table();
        Revocations r = revocations(table);
        Revocation mine = now("j1");
        r.applied(mine); // committed, but the reload below read the table before the commit
        r.reload();
        assertTrue(r.current().covering("https://idp/", "j1", null, null, 0).isPresent());
        assertEquals(Set.of("ab"), r.introspectionCertificates("conv"));
    }

    @Test
    void anotherNodesRevocationIsSeenAtTheNextReload() {
        Table table = new Table();
        Revocations r = revocations(table);
        r.reload();
        assertTrue(r.current().all().isEmpty());
        table.rows.add(now("j2"));
        r.reload();
        assertTrue(r.current().covering("https://idp/", "j2", null, null, 0).isPresent());
    }

    @Test
    void theLastListStaysWhenTheTableCannotBeRead() {
        Table table = new Table();
        table.rows.add(now("j3"));
        Revocations r = revocations(table);
        r.reload();
        table.down = true;
        r.reload();
        assertTrue(r.current().covering("https://idp/", "j3", null, null, 0).isPresent());
    }

    @Test
    void revokeWritesTheTableAndHoldsHere() {
        Table table = new Table();
        Revocations r = revocations(table);
        r.revoke(now("j4"));
        assertEquals(1, table.rows.size());
        assertTrue(r.current().covering("https://idp/", "j4", null, null, 0).isPresent());
    }
}
