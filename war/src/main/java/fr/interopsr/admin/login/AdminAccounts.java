package fr.interopsr.admin.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The administrators' accounts in table {@code admin_user}, by plain JDBC so that the server and
 * the command-line tool share one implementation (D-21).
 */
public final class AdminAccounts {

    /** One account: its name, its password hash, its roles and whether it is disabled (issue 14). */
    public record Account(String username, String passwordHash, Set<String> roles, boolean disabled) {

        /**
         * The stamp of what a console session was opened with (issue 14): it changes when the
         * password (a new hash, new salt) or the roles change, and a disabled account has none.
         */
        public String stamp() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update((passwordHash + "\n" + new TreeSet<>(roles)).getBytes(StandardCharsets.UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The session rule (issue 14): a console session opened with {@code sessionStamp} still holds
     * only while its account exists, is not disabled and has the same password and roles.
     */
    public static boolean sessionHolds(String sessionStamp, Optional<Account> account) {
        return sessionStamp != null
                && account.isPresent()
                && !account.get().disabled()
                && MessageDigest.isEqual(
                        sessionStamp.getBytes(StandardCharsets.US_ASCII),
                        account.get().stamp().getBytes(StandardCharsets.US_ASCII));
    }

    private AdminAccounts() {}

    public static Optional<Account> find(Connection c, String username) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT username, password_hash, roles, disabled FROM admin_user WHERE username = ?")) {
            p.setString(1, username);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Account(r.getString(1), r.getString(2), roles(r.getString(3)), r.getBoolean(4)));
            }
        }
    }

    /**
     * Creates the account or replaces its password and roles. An account given a new password here
     * is no longer a development account ({@link #markDevelopment}); a change of roles alone keeps
     * the mark.
     */
    public static void save(Connection c, String username, String passwordHash, Set<String> roles) throws SQLException {
        String joined = String.join(",", roles);
        if (update(c, username, passwordHash, joined)) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO admin_user (username, password_hash, roles, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, username);
            insert.setString(2, passwordHash);
            insert.setString(3, joined);
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            // another node inserted the same account between our UPDATE and INSERT (two nodes started at once on an
            // empty database, issue 16): the row exists now, so the UPDATE applies
            if (e.getSQLState() == null
                    || !e.getSQLState().startsWith("23")
                    || !update(c, username, passwordHash, joined)) {
                throw e;
            }
        }
    }

    private static boolean update(Connection c, String username, String passwordHash, String roles)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE admin_user SET password_hash = ?, roles = ?,"
                + " dev_account = CASE WHEN password_hash = ? THEN dev_account ELSE FALSE END WHERE username = ?")) {
            update.setString(1, passwordHash);
            update.setString(2, roles);
            update.setString(3, passwordHash);
            update.setString(4, username);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Marks the account as made by development mode (issue 14 §5, V9): its password is printed in
     * the development banner, so a production start refuses to run while it is enabled.
     */
    public static void markDevelopment(Connection c, String username) throws SQLException {
        try (PreparedStatement update =
                c.prepareStatement("UPDATE admin_user SET dev_account = TRUE WHERE username = ?")) {
            update.setString(1, username);
            update.executeUpdate();
        }
    }

    /** The enabled accounts that development mode made, by name. */
    public static List<String> enabledDevelopmentAccounts(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                        "SELECT username FROM admin_user WHERE dev_account = TRUE AND disabled = FALSE ORDER BY username");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    /** Disables or enables an account (issue 14); false when there is no such account. */
    public static boolean setDisabled(Connection c, String username, boolean disabled) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE admin_user SET disabled = ? WHERE username = ?")) {
            update.setBoolean(1, disabled);
            update.setString(2, username);
            return update.executeUpdate() == 1;
        }
    }

    /** The account's login state (issue 14 §2, V7); {@link LoginGuard.AccountState#CLEAN} when absent. */
    public static LoginGuard.AccountState loginState(Connection c, String username) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT failed_logins, last_failed_at, locked_at FROM admin_user WHERE username = ?")) {
            p.setString(1, username);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return LoginGuard.AccountState.CLEAN;
                }
                return new LoginGuard.AccountState(r.getInt(1), instant(r, 2), instant(r, 3));
            }
        }
    }

    /** Stores the account's login state after an attempt (issue 14 §2). */
    public static void saveLoginState(Connection c, String username, LoginGuard.AccountState state)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE admin_user SET failed_logins = ?, last_failed_at = ?, locked_at = ? WHERE username = ?")) {
            p.setInt(1, state.failures());
            p.setObject(2, offset(state.lastFailure()));
            p.setObject(3, offset(state.lockedAt()));
            p.setString(4, username);
            p.executeUpdate();
        }
    }

    /**
     * Counts one failed login at {@code at}, atomically in the database so that attempts in
     * parallel, on one node or several, each count (issue 14 §2), and locks the account when its
     * count reaches {@code lockAfter} (0: never); returns the state after.
     */
    public static LoginGuard.AccountState recordFailure(
            Connection c, String username, java.time.Instant at, int lockAfter) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE admin_user SET failed_logins = failed_logins + 1,"
                + " last_failed_at = ?,"
                + " locked_at = CASE WHEN locked_at IS NULL AND failed_logins + 1 >= ?"
                + " THEN CAST(? AS TIMESTAMP WITH TIME ZONE) ELSE locked_at END"
                + " WHERE username = ?")) {
            p.setObject(1, offset(at));
            p.setInt(2, lockAfter > 0 ? lockAfter : Integer.MAX_VALUE);
            p.setObject(3, offset(at));
            p.setString(4, username);
            p.executeUpdate();
        }
        return loginState(c, username);
    }

    /**
     * Lifts the account's lockout and forgets its failures (issue 14 §2); false when there is no
     * such account.
     */
    public static boolean unlock(Connection c, String username) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE admin_user SET failed_logins = 0, last_failed_at = NULL, locked_at = NULL WHERE username = ?")) {
            p.setString(1, username);
            return p.executeUpdate() == 1;
        }
    }

    private static java.time.Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime offset(java.time.Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /** Roles as stored: comma-separated; only the known roles are kept. */
    static Set<String> roles(String stored) {
        if (stored == null || stored.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(stored.split(","))
                .map(String::strip)
                .filter(AdminRoles.ALL::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Usernames: 1..64 of letters, digits, dot, dash, underscore, at. */
    public static boolean validUsername(String username) {
        return username != null && username.matches("[A-Za-z0-9._@-]{1,64}");
    }
}
