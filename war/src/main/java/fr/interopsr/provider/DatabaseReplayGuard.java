package fr.interopsr.provider;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Single use of a VI (IR-11) across every node and across restarts: the first presentation of
 * (iss, jti) inserts a row in {@code vi_use} (primary key), any later one finds it. Rows are kept
 * until the VI expires, then purged. Plain JDBC on {@code jdbc/interops}, in a transaction of
 * its own committed before the answer.
 */
@ApplicationScoped
public class DatabaseReplayGuard implements ReplayGuard {

    private static final Logger LOG = Logger.getLogger(DatabaseReplayGuard.class.getName());

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    /**
     * Whether this is the first presentation of the VI; false for a replay. Throws
     * {@link IllegalStateException} when the database cannot answer (the caller refuses the VI).
     */
    @Override
    public boolean firstUse(String jti, String issuer, Instant expiresAt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert =
                        c.prepareStatement("INSERT INTO vi_use (issuer, jti, expires_at) VALUES (?, ?, ?)")) {
            insert.setString(1, issuer);
            insert.setString(2, jti);
            insert.setObject(3, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            LOG.log(Level.SEVERE, "single-use store unavailable", e);
            throw new IllegalStateException("single-use store unavailable", e);
        }
    }

    /**
     * Whether the VI {@code (issuer, jti)} was presented already, without recording anything: what the introspection
     * endpoint reports as {@code used} (issue 17: reported, never used up). Throws {@link IllegalStateException}
     * when the database cannot answer.
     */
    public boolean used(String jti, String issuer) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT 1 FROM vi_use WHERE issuer = ? AND jti = ?")) {
            select.setString(1, issuer);
            select.setString(2, jti);
            try (var rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "single-use store unavailable", e);
            throw new IllegalStateException("single-use store unavailable", e);
        }
    }

    /** Removes the entries of VIs that have expired; returns how many. */
    public int purgeExpired(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM vi_use WHERE expires_at < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            return delete.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "single-use store not purged", e);
            return 0;
        }
    }
}
