package fr.interopsr.platform;

import fr.interopsr.vi.IdentityProviderKeys;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health readiness: started, the database answers, the signing keys are loaded. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;
    @Inject
    StartupSequence startup;
    @Inject
    IdentityProviderKeys keys;

    @Override
    public HealthCheckResponse call() {
        boolean database;
        try (Connection c = dataSource.getConnection()) {
            database = c.isValid(2);
        } catch (Exception e) {
            database = false;
        }
        return HealthCheckResponse.named("interops")
                .withData("started", startup.started())
                .withData("database", database)
                .withData("signingKeys", keys.loaded())
                .status(startup.started() && database && keys.loaded())
                .build();
    }
}
