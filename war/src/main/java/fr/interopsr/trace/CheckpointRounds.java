package fr.interopsr.trace;

import com.nimbusds.jose.JOSEException;
import fr.interopsr.vi.SigningKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rounds of one signer (issue 15), in plain JDBC: reads every chain's head, and when one moved
 * since the last round, signs the next round and stores it. Resumes from the signer's last round in
 * the database (a restart under the same node name). Not thread-safe: one per node, under its lock.
 */
public final class CheckpointRounds {

    private final String signer;
    private boolean resumed;
    private long round;
    private String previous = TraceChain.GENESIS;
    private List<CheckpointRound.Head> lastHeads = List.of();

    public CheckpointRounds(String signer) {
        this.signer = signer;
    }

    public String signer() {
        return signer;
    }

    /** The next round when a head moved since the last one (its JWS, stored); empty when none moved. */
    public Optional<String> next(Connection c, SigningKey key, Instant at) throws SQLException, JOSEException {
        try {
            if (!resumed) {
                resume(c);
            }
            List<CheckpointRound.Head> heads = heads(c);
            if (heads.isEmpty() || heads.equals(lastHeads)) {
                return Optional.empty();
            }
            String jws = SignedEvidence.sign(
                    key, CheckpointRound.TYPE, CheckpointRound.payload(signer, round + 1, previous, at, heads));
            try (PreparedStatement p = c.prepareStatement("INSERT INTO trace_checkpoint_round"
                    + " (signer, round_seq, signed_at, key_id, previous, jws) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setString(1, signer);
                p.setLong(2, round + 1);
                p.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                p.setString(4, key.kid());
                p.setString(5, previous);
                p.setString(6, jws);
                p.executeUpdate();
            }
            round++;
            previous = SignedEvidence.digest(jws);
            lastHeads = heads;
            return Optional.of(jws);
        } catch (SQLException | JOSEException | RuntimeException e) {
            resumed = false; // read the last round again from the database next time
            throw e;
        }
    }

    /** The number of the last round signed. */
    public long round() {
        return round;
    }

    private void resume(Connection c) throws SQLException {
        round = 0;
        previous = TraceChain.GENESIS;
        lastHeads = List.of();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT round_seq, jws FROM trace_checkpoint_round WHERE signer = ? ORDER BY round_seq DESC")) {
            p.setString(1, signer);
            p.setMaxRows(1);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    round = r.getLong(1);
                    previous = SignedEvidence.digest(r.getString(2).strip());
                    lastHeads = CheckpointRound.parse(r.getString(2))
                            .map(CheckpointRound::heads)
                            .orElse(List.of());
                }
            }
        }
        resumed = true;
    }

    /** Every chain's head as committed. */
    static List<CheckpointRound.Head> heads(Connection c) throws SQLException {
        List<CheckpointRound.Head> heads = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                        "SELECT chain, last_seq, last_hash FROM trace_chain_head WHERE last_seq > 0 ORDER BY chain");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                heads.add(new CheckpointRound.Head(r.getString(1), r.getLong(2), r.getString(3)));
            }
        }
        return List.copyOf(heads);
    }
}
