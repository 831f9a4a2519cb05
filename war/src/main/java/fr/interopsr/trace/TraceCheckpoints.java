package fr.interopsr.trace;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.vi.IdentityProviderKeys;
import fr.interopsr.vi.SigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Signed checkpoints of the chain heads (D-18, issue 15): every {@code interops.traces.checkpoint-seconds}
 * (10 s), when a head moved, this node signs a <b>round</b>: the head of every chain known at that time
 * ({@code trace_chain_head}), so that a chain deleted whole is still named by later rounds. Its rounds are
 * numbered without gaps and each names the SHA-256 of the previous one ({@link CheckpointRound}). A round
 * is a JWS with the identity provider's current ES256 key (RS256 when it has none), stored in
 * {@code trace_checkpoint_round}, written to the log and, when set, appended to
 * {@code interops.traces.checkpoint-file}, outside the database. The public keys it was signed with are
 * added to {@code interops.traces.checkpoint-keys-file} when set. A node that stops gracefully signs a
 * last round. The hourly retention leaves a signed retention mark per chain ({@link TraceRetention}).
 */
@ApplicationScoped
public class TraceCheckpoints {

    private static final Logger LOG = Logger.getLogger(TraceCheckpoints.class.getName());

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    @Inject
    TraceJournal journal;

    @Inject
    IdentityProviderKeys keys;

    @Inject
    ServerSettings settings;

    @Resource
    ManagedThreadFactory threads;

    /** The syslog copy of rounds and marks (RFC 5425), for the operator's collector; null when not set. */
    private CheckpointSyslog syslog;

    @PostConstruct
    void startSyslog() {
        syslog = CheckpointSyslog.Settings.of(settings)
                .map(s -> {
                    try {
                        return new CheckpointSyslog(s, threads);
                    } catch (IOException | GeneralSecurityException e) {
                        throw new IllegalStateException("interops.traces.syslog: " + e.getMessage(), e);
                    }
                })
                .orElse(null);
    }

    @PreDestroy
    void stopSyslog() {
        if (syslog != null) {
            syslog.close();
        }
    }

    // guarded by this
    private CheckpointRounds rounds;
    private final Set<String> keysInFile = new HashSet<>();

    /** Signs a round when a head moved since the last one; called by the scheduler. */
    public synchronized void checkpoint() {
        if (rounds == null) {
            rounds = new CheckpointRounds(journal.chain());
        }
        try (Connection c = dataSource.getConnection()) {
            Instant at = Instant.now();
            SigningKey key = signingKey(at);
            Optional<String> jws = rounds.next(c, key, at);
            if (jws.isEmpty()) {
                return;
            }
            LOG.info("trace checkpoint round " + rounds.signer() + " " + rounds.round() + " " + jws.get());
            settings.traceCheckpointFile().ifPresent(file -> append(file, jws.get()));
            if (syslog != null) {
                syslog.send(jws.get());
            }
            settings.traceCheckpointKeysFile().ifPresent(file -> keepKey(file, key));
        } catch (SQLException | JOSEException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace checkpoint round of " + rounds.signer() + " not made", e);
        }
    }

    /**
     * The last round of a node that stops gracefully (issue 15): waits a few seconds for the
     * journal to commit what it holds, then signs.
     */
    public void finalCheckpoint() {
        journal.awaitIdle(Duration.ofSeconds(5));
        checkpoint();
    }

    /** Removes what is older than the retention period, leaving signed marks (interops.traces.retention-days). */
    public void purgeExpired() {
        int days = settings.traceRetentionDays();
        Instant cutoff = Instant.now().minus(Duration.ofDays(days));
        try (Connection c = dataSource.getConnection()) {
            for (TraceRetention.Purged p : TraceRetention.purge(c, cutoff, days, this::signMark)) {
                LOG.info("trace retention: " + p.chain() + " kept from " + p.keptFrom() + " (" + p.removed()
                        + " removed, older than " + cutoff + ", period " + days + " days)");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace retention purge failed", e);
        }
        // the dashboard's counts (P-65): kept as long as the dashboard shows them, whatever the traces' retention
        try (Connection c = dataSource.getConnection()) {
            Instant now = Instant.now();
            long removed = TraceAggregates.prune(
                    c, now.minus(TraceAggregates.MINUTES_KEPT), now.minus(TraceAggregates.HOURS_KEPT));
            if (removed > 0) {
                LOG.fine(() -> "dashboard counts: " + removed + " old bucket row(s) removed");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "dashboard counts not pruned", e);
        }
    }

    private String signMark(String chain, long keptFrom, String anchor, Instant cutoff, int periodDays, Instant at)
            throws JOSEException {
        SigningKey key = signingKey(at);
        String jws = SignedEvidence.sign(
                key, RetentionMark.TYPE, RetentionMark.payload(chain, keptFrom, anchor, cutoff, periodDays, at));
        LOG.info("trace retention mark " + chain + " " + keptFrom + " " + jws);
        settings.traceCheckpointFile().ifPresent(file -> append(file, jws));
        if (syslog != null) {
            syslog.send(jws);
        }
        return jws;
    }

    /** The keys the check verifies with: this server's signing keys and the checkpoint key file's. */
    public CheckpointKeys verificationKeys() {
        CheckpointKeys own = CheckpointKeys.of(keys.keys().all());
        return settings.traceCheckpointKeysFile()
                .filter(Files::isReadable)
                .map(file -> {
                    try {
                        return own.with(CheckpointKeys.parse(Files.readString(file, StandardCharsets.UTF_8)));
                    } catch (IOException | java.text.ParseException e) {
                        LOG.log(Level.WARNING, "checkpoint key file " + file + " unreadable", e);
                        return own;
                    }
                })
                .orElse(own);
    }

    private SigningKey signingKey(Instant at) throws JOSEException {
        return keys.keys()
                .current(JWSAlgorithm.ES256, at)
                .or(() -> keys.keys().current(JWSAlgorithm.RS256, at))
                .orElseThrow(() -> new JOSEException("no signing key for trace checkpoints"));
    }

    /** Adds the key's public half, with its validity, to the key file kept outside the database. */
    private void keepKey(Path file, SigningKey key) {
        if (keysInFile.contains(key.kid())) {
            return;
        }
        try {
            CheckpointKeys known = Files.isReadable(file)
                    ? CheckpointKeys.parse(Files.readString(file, StandardCharsets.UTF_8))
                    : CheckpointKeys.of(List.of());
            if (!known.kids().contains(key.kid())) {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(
                        tmp, known.with(CheckpointKeys.of(List.of(key))).toJwks(), StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("checkpoint key " + key.kid() + " added to " + file);
            }
            keysInFile.add(key.kid());
        } catch (IOException | java.text.ParseException e) {
            LOG.log(Level.WARNING, "checkpoint key file " + file + " not written", e);
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
