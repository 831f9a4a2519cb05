package fr.interopsr.trace;

import fr.interopsr.platform.PostgresSchemas;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;

/** {@link TraceAggregatesTest} on PostgreSQL; runs with {@code -Ppostgres} only, like every {@code *PostgresTest}. */
class TraceAggregatesPostgresTest extends TraceAggregatesTest {

    private static final PostgresSchemas SCHEMAS = new PostgresSchemas("aggregates");

    @Override
    Connection database() throws Exception {
        return SCHEMAS.next();
    }

    @AfterAll
    static void drop() throws Exception {
        SCHEMAS.dropAll();
    }
}
