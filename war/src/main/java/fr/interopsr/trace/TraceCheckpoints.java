package fr.interopsr.trace;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.vi.IdentityProviderKeys;
import fr.interopsr.vi.SigningKey;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Signed checkpoints of the chain heads (D-18): every {@code interops.traces.checkpoint-seconds}
 * (10 s), the heads of this node's chain and of the admin chain that moved are signed as a JWS with
 * the identity provider's current ES256 key (RS256 when it has none), stored in
 * {@code trace_checkpoint} and written to the log (and to {@code interops.traces.checkpoint-file}
 * when set), outside the database. Verification then detects the truncation of anything older
 * than the last checkpoint; the window since it is not detected (docs/traces.md).
 */
@ApplicationScoped
public class TraceCheckpoints {

    private static final Logger LOG = Logger.getLogger(TraceCheckpoints.class.getName());

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    @Inject
    TraceJournal journal;

    @Inject
    TraceWriter writer;

    @Inject
    IdentityProviderKeys keys;

    @Inject
    ServerSettings settings;

    private final Map<String, Long> lastSigned = new HashMap<>();

    /** Signs the heads that moved since the last checkpoint; called by the scheduler. */
    public synchronized void checkpoint() {
        for (String chain : List.of(journal.chain(), TraceJournal.ADMIN_CHAIN)) {
            try {
                TraceChainHead head = writer.head(chain);
                if (head.lastSeq() == 0 || head.lastSeq() == lastSigned.getOrDefault(chain, 0L)) {
                    continue;
                }
                String jws = sign(chain, head.lastSeq(), head.lastHash(), Instant.now());
                store(chain, head.lastSeq(), head.lastHash(), jws);
                lastSigned.put(chain, head.lastSeq());
                LOG.info("trace checkpoint " + chain + " " + head.lastSeq() + " " + jws);
                settings.traceCheckpointFile().ifPresent(file -> append(file, jws));
            } catch (RuntimeException | SQLException | JOSEException e) {
                LOG.log(Level.WARNING, "trace checkpoint of " + chain + " not made", e);
            }
        }
    }

    /** Removes the expired segments of every chain (retention: interops.traces.retention-days, 365). */
    public void purgeExpired() {
        Instant cutoff = Instant.now().minus(Duration.ofDays(settings.traceRetentionDays()));
        try (Connection c = dataSource.getConnection()) {
            for (TraceRetention.Purged p : TraceRetention.purge(c, cutoff)) {
                LOG.info("trace retention: chain " + p.chain() + " purged up to " + p.upToSeq() + " (" + p.records()
                        + " records older than " + cutoff + ")");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace retention purge failed", e);
        }
    }

    String sign(String chain, long seq, String hash, Instant at) throws JOSEException {
        SigningKey key = keys.keys()
                .current(JWSAlgorithm.ES256, at)
                .or(() -> keys.keys().current(JWSAlgorithm.RS256, at))
                .orElseThrow(() -> new JOSEException("no signing key for trace checkpoints"));
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(key.algorithm())
                        .keyID(key.kid())
                        .type(new JOSEObjectType("trace-checkpoint+jwt"))
                        .build(),
                new Payload(Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("chain", chain)
                        .add("seq", seq)
                        .add("hash", hash)
                        .add("iat", at.getEpochSecond())
                        .build()
                        .toString()));
        jws.sign(key.signer());
        return jws.serialize();
    }

    /**
     * Stores the checkpoint; its id is the next free one, so two nodes checkpointing at the same
     * moment may collide on it: the loser takes the next id (three tries), nothing is lost.
     */
    private void store(String chain, long seq, String hash, String jws) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                insert(chain, seq, hash, jws);
                return;
            } catch (SQLException e) {
                boolean collision = e.getSQLState() != null && e.getSQLState().startsWith("23");
                if (!collision || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private void insert(String chain, long seq, String hash, String jws) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement next = c.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM trace_checkpoint");
                    ResultSet r = next.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO trace_checkpoint"
                    + " (id, chain, chain_seq, record_hash, signed_at, jws) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, id);
                p.setString(2, chain);
                p.setLong(3, seq);
                p.setString(4, hash);
                p.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
                p.setString(6, jws);
                p.executeUpdate();
            }
        }
    }

    private static void append(Path file, String jws) {
        try {
            Files.writeString(
                    file, jws + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "trace checkpoint file " + file + " not written", e);
        }
    }
}
