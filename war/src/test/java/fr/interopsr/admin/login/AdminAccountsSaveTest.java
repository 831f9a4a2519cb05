package fr.interopsr.admin.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.interopsr.platform.SchemaMigrator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: two nodes started at once on an empty database both create the development {@code admin}; the second
 * {@code INSERT} meets the first one's row, and {@link AdminAccounts#save} then updates it instead of failing the
 * start. The other node's insert is made, deterministically, between this node's {@code UPDATE} and {@code INSERT}.
 */
class AdminAccountsSaveTest {

    private static final String MINE = "PBKDF2WithHmacSHA256:3072:bWluZQ==:bWluZQ==";
    private static final String THEIRS = "PBKDF2WithHmacSHA256:3072:dGhlaXJz:dGhlaXJz";

    @Test
    void anAccountInsertedByAnotherNodeMeanwhileIsUpdated() throws Exception {
        JdbcDataSource ds = migrated("admin-save-race");
        try (Connection mine = ds.getConnection();
                Connection theirs = ds.getConnection()) {
            Connection racing = insertingFirst(mine, () -> AdminAccounts.save(theirs, "admin", THEIRS, Set.of("a")));
            AdminAccounts.save(racing, "admin", MINE, AdminRoles.ALL);
            AdminAccounts.Account saved = AdminAccounts.find(mine, "admin").orElseThrow();
            assertEquals(MINE, saved.passwordHash());
            assertEquals(AdminRoles.ALL, saved.roles());
        }
    }

    @Test
    void otherFailuresOfTheInsertStayFailures() throws Exception {
        JdbcDataSource ds = migrated("admin-save-too-long");
        try (Connection c = ds.getConnection()) {
            // a user name longer than the column: the database refuses it (class 22), nothing to update
            assertThrows(SQLException.class, () -> AdminAccounts.save(c, "x".repeat(10_000), MINE, AdminRoles.ALL));
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /** {@code c}, which runs {@code before} just before it prepares an INSERT. */
    private static Connection insertingFirst(Connection c, Step before) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")
                            && args != null
                            && args[0] instanceof String sql
                            && sql.startsWith("INSERT")) {
                        before.run();
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static JdbcDataSource migrated(String name) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        new SchemaMigrator(ds).migrate();
        return ds;
    }
}
