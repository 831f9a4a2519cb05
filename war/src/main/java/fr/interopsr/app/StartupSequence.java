package fr.interopsr.app;

import fr.interopsr.admin.login.AdminAccounts;
import fr.interopsr.convention.ConventionImporter;
import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.pki.ClientCertificates;
import fr.interopsr.platform.SchemaMigrator;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.provider.DatabaseReplayGuard;
import fr.interopsr.provider.Revocations;
import fr.interopsr.trace.TraceCheckpoints;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.VerificationJobs;
import fr.interopsr.vi.IdentityProviderKeys;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.Readiness;

/**
 * Start-up, in order: schema migrations (D-25), the refusal of development defaults when
 * development mode is off (issue 14 §5), signing keys and trust material (a bad key
 * store or truststore stops the start),
 * conventions as code (D-15), the convention index (D-16), the revocations (issue 17), the periodic tasks (replay purge, trace
 * checkpoints and retention, the scheduled check of the journal), then the development extras.
 */
@ApplicationScoped
public class StartupSequence {

    private static final Logger LOG = Logger.getLogger(StartupSequence.class.getName());

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    @Inject
    ServerSettings settings;

    @Inject
    IdentityProviderKeys keys;

    @Inject
    ConventionImporter importer;

    @Inject
    ConventionRegistry registry;

    @Inject
    DevEnvironment dev;

    @Inject
    ClientCertificates certificates;

    @Inject
    DatabaseReplayGuard replayGuard;

    @Inject
    Revocations revocations;

    @Inject
    TraceCheckpoints checkpoints;

    @Inject
    TraceJournal journal;

    @Inject
    VerificationJobs verificationJobs;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @Readiness
    DatabaseReadiness databaseReadiness;

    @Inject
    GracefulStop gracefulStop;

    private volatile boolean started;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.info(runtime());
        // readiness probes the database on a thread of its own, in the application's context (see DatabaseReadiness)
        databaseReadiness.start();
        try {
            SchemaMigrator migrator = new SchemaMigrator(dataSource);
            if (settings.migrateOnStart()) {
                migrator.migrate().forEach(m -> LOG.info("schema migration applied: " + m));
            } else if (!migrator.pending().isEmpty()) {
                throw new IllegalStateException("the database schema lacks migrations " + migrator.pending()
                        + "; apply them (docs/operations.md) or set interops.schema.migrate-on-start=true");
            }
            // the journal starts now, not with the first trace: its writer and its meters (interops_journal_*) exist
            // from the start, also on a database whose conventions are unchanged (no import, so no trace at start)
            LOG.info("trace journal: chain " + journal.chain());
            refuseDevelopmentDefaults();
            keys.load();
            certificates.load();
            settings.conventionsDir().ifPresent(dir -> {
                if (Files.isDirectory(dir)) {
                    try {
                        var report = importer.importDirectory(dir);
                        LOG.info("conventions from " + dir.toAbsolutePath() + ": imported " + report.imported()
                                + ", unchanged " + report.unchanged() + ", refused " + report.refused());
                    } catch (IOException e) {
                        LOG.log(Level.SEVERE, "conventions directory " + dir + " unreadable", e);
                    }
                } else {
                    LOG.warning("interops.conventions.dir " + dir.toAbsolutePath() + " is not a directory");
                }
            });
            registry.start();
            revocations.start();
            scheduler.scheduleWithFixedDelay(() -> replayGuard.purgeExpired(Instant.now()), 1, 10, TimeUnit.MINUTES);
            int every = settings.traceCheckpointSeconds();
            scheduler.scheduleWithFixedDelay(checkpoints::checkpoint, every, every, TimeUnit.SECONDS);
            scheduler.scheduleWithFixedDelay(checkpoints::purgeExpired, 5, 60, TimeUnit.MINUTES);
            if (settings.traceVerifyEveryHours() > 0) {
                // the scheduled check of the journal (issue 15): each tick takes this period's check unless a
                // node took it already; the check itself runs on the managed executor, not on this scheduler
                long tick = VerificationJobs.TICK.toMinutes();
                scheduler.scheduleWithFixedDelay(verificationJobs::scheduledTick, 2, tick, TimeUnit.MINUTES);
            }
            if (settings.devMode()) {
                dev.prepare();
            }
            started = true;
            // from here on, SIGTERM drains the node before the container stops (issue 16)
            gracefulStop.install(checkpoints::finalCheckpoint);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Interops-R Server cannot start: " + e.getMessage(), e);
            throw new IllegalStateException("Interops-R Server cannot start: " + e.getMessage(), e);
        }
    }

    /**
     * Issue 14 §5: with development mode off, the start stops on any development default the
     * application reads, naming each one and how to replace it ({@link ProductionDefaults}).
     */
    private void refuseDevelopmentDefaults() throws SQLException {
        if (settings.devMode()) {
            return;
        }
        List<String> devAccounts;
        try (Connection c = dataSource.getConnection()) {
            devAccounts = AdminAccounts.enabledDevelopmentAccounts(c);
        }
        List<ProductionDefaults.Store> stores = new ArrayList<>(List.of(
                new ProductionDefaults.Store(
                        "interops.truststore.path",
                        "interops.truststore.password",
                        settings.truststore(),
                        new String(settings.truststorePassword())),
                new ProductionDefaults.Store(
                        "interops.signing.keystore",
                        "interops.signing.keystore-password",
                        settings.signingKeystore(),
                        new String(settings.signingKeystorePassword())),
                systemStore("javax.net.ssl.keyStore"),
                systemStore("javax.net.ssl.trustStore")));
        if (settings.traceSyslogHost().isPresent()) {
            stores.add(new ProductionDefaults.Store(
                    "interops.traces.syslog.truststore",
                    "interops.traces.syslog.truststore-password",
                    settings.traceSyslogTruststore(),
                    new String(settings.traceSyslogTruststorePassword())));
            settings.traceSyslogKeystore()
                    .ifPresent(k -> stores.add(new ProductionDefaults.Store(
                            "interops.traces.syslog.keystore",
                            "interops.traces.syslog.keystore-password",
                            k,
                            new String(settings.traceSyslogKeystorePassword()))));
        }
        List<ProductionDefaults.Finding> found = ProductionDefaults.check(
                new ProductionDefaults.Inputs(settings.traceHmacKeyBase64(), stores, devAccounts));
        if (found.isEmpty()) {
            return;
        }
        if (settings.allowDevelopmentDefaults()) {
            LOG.warning(
                    "interops.allow-development-defaults=true: starting although " + ProductionDefaults.refusal(found));
            return;
        }
        throw new IllegalStateException(ProductionDefaults.refusal(found));
    }

    /** A store of the server's own TLS listener, as Payara Micro reads it from {@code javax.net.ssl.*}. */
    private static ProductionDefaults.Store systemStore(String property) {
        String path = System.getProperty(property);
        return new ProductionDefaults.Store(
                property,
                property + "Password",
                path == null || path.isBlank() ? null : Path.of(path),
                System.getProperty(property + "Password"));
    }

    /**
     * A graceful stop signs a last round of checkpoints, after the journal's last commit (issue 15). By SIGTERM it is
     * signed at the end of the drain ({@link GracefulStop}), before the container stops: Payara Micro's stop and H2's
     * own shutdown hook may close the database before this event; signing here as well covers an undeploy.
     */
    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        gracefulStop.uninstall();
        if (started) {
            checkpoints.finalCheckpoint();
        }
    }

    public boolean started() {
        return started;
    }

    /**
     * Which JVM runs the server: ES256 signing and verifying cost several times less on JDK 21+
     * than on JDK 17 (PLATFORM-NOTES), so operators see at start what they get.
     */
    static String runtime() {
        Runtime rt = Runtime.getRuntime();
        return "Interops-R Server on Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + "), "
                + rt.availableProcessors() + " CPU(s), max heap " + rt.maxMemory() / (1024 * 1024) + " MiB";
    }
}
