package fr.interopsr.trace;

import fr.interopsr.platform.PostgresSchemas;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/** {@link TraceFormatsTest} on PostgreSQL; runs with {@code -Ppostgres} only, like every {@code *PostgresTest}. */
class TraceFormatsPostgresTest extends TraceFormatsTest {

    private static final PostgresSchemas SCHEMAS = new PostgresSchemas("formats");

    @Override
    Connection database() throws Exception {
        return SCHEMAS.next();
    }

    @AfterAll
    static void drop() throws SQLException {
        SCHEMAS.dropAll();
    }
}
