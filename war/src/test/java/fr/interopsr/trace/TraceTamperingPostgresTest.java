package fr.interopsr.trace;

import fr.interopsr.platform.PostgresSchemas;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/**
 * The tampering suite of issue 15 on PostgreSQL (D-24): each case in a schema of its own made by
 * the real migrations, tampered with through a separate connection, dropped at the end. Runs with
 * {@code -Ppostgres} only, like every {@code *PostgresTest}.
 */
class TraceTamperingPostgresTest extends TraceTamperingTest {

    private static final PostgresSchemas SCHEMAS = new PostgresSchemas("tamper");

    @Override
    Connection database() throws Exception {
        return SCHEMAS.next();
    }

    @AfterAll
    static void drop() throws SQLException {
        SCHEMAS.dropAll();
    }
}
