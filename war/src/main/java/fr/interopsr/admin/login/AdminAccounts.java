package fr.interopsr.admin.login;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The administrators' accounts in table {@code admin_user}, by plain JDBC so that the server and
 * the command-line tool share one implementation (D-21).
 */
public final class AdminAccounts {

    /** One account: its name, its password hash and its roles. */
    public record Account(String username, String passwordHash, Set<String> roles) {}

    private AdminAccounts() {}

    public static Optional<Account> find(Connection c, String username) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT username, password_hash, roles FROM admin_user WHERE username = ?")) {
            p.setString(1, username);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Account(r.getString(1), r.getString(2), roles(r.getString(3))));
            }
        }
    }

    /** Creates the account or replaces its password and roles. */
    public static void save(Connection c, String username, String passwordHash, Set<String> roles) throws SQLException {
        String joined = String.join(",", roles);
        try (PreparedStatement update =
                c.prepareStatement("UPDATE admin_user SET password_hash = ?, roles = ? WHERE username = ?")) {
            update.setString(1, passwordHash);
            update.setString(2, joined);
            update.setString(3, username);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO admin_user (username, password_hash, roles, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, username);
            insert.setString(2, passwordHash);
            insert.setString(3, joined);
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
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
