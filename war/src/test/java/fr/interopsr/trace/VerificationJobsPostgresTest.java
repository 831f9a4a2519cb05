package fr.interopsr.trace;

import fr.interopsr.platform.PostgresSchemas;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link VerificationJobsTest} on PostgreSQL (D-24): two nodes on one schema of its own per case, made by the real
 * migrations and dropped at the end. Runs with {@code -Ppostgres} only, like every {@code *PostgresTest}.
 */
class VerificationJobsPostgresTest extends VerificationJobsTest {

    private static final PostgresSchemas SCHEMAS = new PostgresSchemas("nodes");

    @Override
    DataSource database() throws Exception {
        return SCHEMAS.nextDataSource();
    }

    @AfterAll
    static void drop() throws SQLException {
        SCHEMAS.dropAll();
    }
}
