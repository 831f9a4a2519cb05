package fr.interopsr.trace;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import fr.interopsr.platform.Correlation;
import fr.interopsr.vi.SigningKey;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A trace journal as the server writes it, on a migrated database: records appended by the
 * journal's own batch code, heads, signed checkpoint rounds, and the copy of the rounds kept
 * outside. For the tampering suite (issue 15) and the command line's tests (module {@code tools}).
 */
public class JournalFixture {

    public static final byte[] HMAC = "tampering suite key of 32 bytes!".getBytes(StandardCharsets.US_ASCII);
    public static final TraceChain HASHER = new TraceChain(HMAC);

    /** A signing key valid over [from, to]. */
    public static SigningKey key(String alias, Instant from, Instant to) {
        try {
            ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
            String kid = ec.computeThumbprint().toString();
            ec = new ECKey.Builder(ec).keyID(kid).build();
            return new SigningKey(alias, JWSAlgorithm.ES256, kid, ec.toPublicJWK(), new ECDSASigner(ec), from, to);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static final Instant T0 = Instant.now().minus(Duration.ofDays(400));
    public static final SigningKey KEY =
            key("k1", T0.minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));

    public final Connection c;
    final TraceRows rows = new TraceRows();
    final CheckpointRounds rounds = new CheckpointRounds("node:a");
    public final List<String> outside = new ArrayList<>();
    public SigningKey key = KEY;

    public JournalFixture(Connection c) {
        this.c = c;
    }

    /** Appends {@code n} records to the chain, as the journal's writer does (one batch, its head). */
    public JournalFixture append(String chain, int n, Instant at) throws SQLException {
        return append(chain, n, at, TraceRecord.CURRENT_FORMAT);
    }

    /**
     * Appends to {@code chain} what the releases wrote one after the other (D-26): 2 records of format 1 (no format,
     * no key id: before V8), 2 of format 2 (before V12), 2 of format 3 (with a correlation, issue 17).
     */
    public JournalFixture appendEveryFormat(String chain) throws SQLException {
        long before = head(chain).lastSeq();
        append(chain, 2, Instant.now(), 1);
        sql("UPDATE trace_record SET format = NULL WHERE chain = '" + chain + "' AND chain_seq > " + before);
        append(chain, 2, Instant.now(), 2);
        return append(chain, 2, Instant.now(), 3);
    }

    private JournalFixture append(String chain, int n, Instant at, int format) throws SQLException {
        TraceChainHead head = head(chain);
        long seq = head.lastSeq();
        String hash = head.lastHash();
        List<TraceRecord> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TraceRecord r = TraceRecord.of(
                    TraceEntry.builder(TraceKind.VI_GENERATION, at)
                            .success()
                            .jti(chain + "-" + (seq + 1))
                            .vi("header.payload.signature-" + (seq + 1))
                            // issue 17 §4: format 3's fields, so that the tampering suite covers them
                            .correlation(new Correlation(
                                    new UUID(0x17L, seq + 1).toString(),
                                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                                    (seq + 1) % 2 == 0 ? "Correlationid replaced: not a UUID" : null))
                            .build(),
                    "n1");
            r.chain(chain, ++seq, hash, HASHER, format);
            hash = r.recordHash();
            batch.add(r);
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        rows.insert(c, batch);
        TraceRows.advanceHead(c, chain, seq, hash, OffsetDateTime.now(ZoneOffset.UTC));
        c.commit();
        c.setAutoCommit(auto);
        return this;
    }

    public JournalFixture append(String chain, int n) throws SQLException {
        return append(chain, n, Instant.now());
    }

    private TraceChainHead head(String chain) throws SQLException {
        try (var p = c.prepareStatement("SELECT last_seq, last_hash FROM trace_chain_head WHERE chain = ?")) {
            p.setString(1, chain);
            try (var r = p.executeQuery()) {
                return r.next()
                        ? new TraceChainHead(chain, r.getLong(1), r.getString(2), null)
                        : new TraceChainHead(chain, 0, TraceChain.GENESIS, null);
            }
        }
    }

    /** A round of checkpoints, also kept outside. */
    public JournalFixture round(Instant at) throws Exception {
        rounds.next(c, key, at).ifPresent(outside::add);
        return this;
    }

    public JournalFixture round() throws Exception {
        return round(Instant.now());
    }

    /** The check, read in turn and read ahead: both must give the same report (P-36). */
    public TraceAudit.Report check() throws SQLException {
        return bothWays(c, HASHER, CheckpointKeys.of(List.of(KEY)), Optional.empty());
    }

    public TraceAudit.Report checkWithOutside() throws SQLException {
        return bothWays(c, HASHER, CheckpointKeys.of(List.of(KEY)), Optional.of(outside));
    }

    /**
     * {@link TraceAudit#check} on {@code c} alone, then reading ahead on a second connection to the same
     * database; fails unless both reports are equal, and returns it.
     */
    public static TraceAudit.Report bothWays(
            Connection c, TraceChain hasher, CheckpointKeys keys, Optional<List<String>> outside) throws SQLException {
        TraceAudit.Report inTurn = TraceAudit.check(c, hasher, keys, outside);
        TraceAudit.Report ahead = TraceAudit.check(c, readAhead(c), hasher, keys, outside);
        if (!inTurn.equals(ahead)) {
            throw new AssertionError(
                    "read ahead, the check reports otherwise:\n" + ahead + "\nthan in turn:\n" + inTurn);
        }
        return inTurn;
    }

    /** Reads ahead on a new connection to {@code c}'s database and schema (the tests' H2 and PostgreSQL). */
    public static TraceAudit.ReadAhead readAhead(Connection c) throws SQLException {
        DatabaseMetaData m = c.getMetaData();
        String url = m.getURL();
        String user = m.getUserName();
        String schema = c.getSchema();
        // the tests' H2 databases are opened as sa/sa; the tests' PostgreSQL trusts its user
        String password = url.startsWith("jdbc:h2:") ? "sa" : "";
        return new TraceAudit.ReadAhead(
                () -> {
                    Connection second = DriverManager.getConnection(url, user, password);
                    second.setSchema(schema);
                    return second;
                },
                Thread::new);
    }

    public void sql(String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** node:a 20 records, node:b 10, admin 5, with rounds as they went; a last round sees every head. */
    public static JournalFixture standard(Connection c) throws Exception {
        JournalFixture j = new JournalFixture(c);
        j.append("node:a", 5).round().append("node:b", 5).append("admin", 2).round();
        j.append("node:a", 10).round().append("node:b", 5).append("admin", 3).round();
        j.append("node:a", 5).round();
        return j;
    }
}
