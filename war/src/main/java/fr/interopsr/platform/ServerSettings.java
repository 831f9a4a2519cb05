package fr.interopsr.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The server-wide settings, read from MicroProfile Config (system properties, environment
 * variables such as {@code INTEROPS_CONVENTIONS_DIR}, or the server's config sources: D-23).
 * Every key is listed in {@code docs/operations.md}.
 */
@ApplicationScoped
public class ServerSettings {

    private final Config config = ConfigProvider.getConfig();

    private String string(String key, String fallback) {
        return config.getOptionalValue(key, String.class)
                .filter(s -> !s.isBlank())
                .orElse(fallback);
    }

    private Optional<String> optional(String key) {
        return config.getOptionalValue(key, String.class).filter(s -> !s.isBlank());
    }

    /** Name of this node in traces (D-18); defaults to host name and process id. */
    public String nodeName() {
        return optional("interops.node.name").orElseGet(() -> {
            String pid = ManagementFactory.getRuntimeMXBean().getName();
            try {
                return (InetAddress.getLocalHost().getHostName() + "-" + pid.split("@")[0]);
            } catch (Exception e) {
                return pid;
            }
        });
    }

    /** This deployment's own issuer (the {@code iss} of the VIs it signs: IR-10, D-7). */
    public String issuer() {
        return string("interops.issuer", "https://localhost:8443/interops");
    }

    /** Base URL that partners use to reach this server, for metadata (RFC 8414). */
    public String publicBaseUrl() {
        return string("interops.public-base-url", issuer());
    }

    /** Addresses of our own TLS-terminating proxies (D-2); empty by default. */
    private volatile Set<String> trustedProxies;

    /**
     * Our own TLS-terminating proxies (D-2). Read once: both hot paths (token endpoint, VI check)
     * ask at every request, and parsing the setting each time showed in their profile (issue 8).
     */
    public Set<String> trustedProxies() {
        Set<String> proxies = trustedProxies;
        if (proxies == null) {
            proxies = Set.copyOf(
                    List.of(string("interops.tls.trusted-proxies", "").split("\\s*,\\s*")).stream()
                            .filter(s -> !s.isBlank())
                            .toList());
            trustedProxies = proxies;
        }
        return proxies;
    }

    public Optional<Path> conventionsDir() {
        return optional("interops.conventions.dir").map(Path::of);
    }

    /** Directory holding the truststore and the CRLs (D-1). */
    public Path truststoresDir() {
        return Path.of(string("interops.truststores.dir", "truststores"));
    }

    public Path truststore() {
        return optional("interops.truststore.path")
                .map(Path::of)
                .orElse(truststoresDir().resolve("truststore.p12"));
    }

    public char[] truststorePassword() {
        return string("interops.truststore.password", "changeit").toCharArray();
    }

    /** Accept a CRL past its nextUpdate (D-1: fails closed unless this is set). */
    public boolean allowStaleCrl() {
        return Boolean.parseBoolean(string("interops.crl.allow-stale", "false"));
    }

    public Path signingKeystore() {
        return Path.of(string("interops.signing.keystore", "truststores/signing.p12"));
    }

    public char[] signingKeystorePassword() {
        return string("interops.signing.keystore-password", "changeit").toCharArray();
    }

    /** Largest token request body accepted, in bytes. */
    public int tokenMaxBodyBytes() {
        return Integer.parseInt(string("interops.token.max-body-bytes", "8192"));
    }

    public boolean migrateOnStart() {
        return Boolean.parseBoolean(string("interops.schema.migrate-on-start", "true"));
    }

    /** Development mode: demo secrets written to files and a banner with curl commands. */
    public boolean devMode() {
        return Boolean.parseBoolean(string("interops.dev.mode", "false"));
    }

    /**
     * Benches and test laboratories only: a start with development mode off logs the development
     * defaults it finds instead of refusing to start (issue 14 §5). Never in production.
     */
    public boolean allowDevelopmentDefaults() {
        return Boolean.parseBoolean(string("interops.allow-development-defaults", "false"));
    }

    public Path devSecretsDir() {
        return Path.of(string(
                "interops.dev.secrets-dir", truststoresDir().resolve("secrets").toString()));
    }

    public int httpsPort() {
        return Integer.parseInt(string("interops.https.port", "8443"));
    }

    /** The target-service ids ({@code azp}) this data provider serves (§3.5.2 step 8). */
    public Set<String> providerServiceIds() {
        return Set.copyOf(
                List.of(string("interops.provider.service-ids", "https://localhost:8443/interops/api/v1/beneficiaries")
                        .split("\\s*,\\s*")));
    }

    /** Largest VI the data provider reads, in bytes (D-13). */
    public int providerMaxViBytes() {
        return Integer.parseInt(string("interops.provider.max-vi-bytes", "16384"));
    }

    /** Most VIs whose validation result a node keeps (IR-11 cache). */
    public int providerCacheSize() {
        return Integer.parseInt(string("interops.provider.cache-size", "10000"));
    }

    /** The trace journal's HMAC key, base64 (D-18); kept outside the database. Empty when not set. */
    public Optional<byte[]> traceHmacKey() {
        return traceHmacKeyBase64().map(k -> Base64.getDecoder().decode(k.strip()));
    }

    /** The trace journal's HMAC key as configured (base64), for the chain and the production-defaults check. */
    public Optional<String> traceHmacKeyBase64() {
        return optional("interops.traces.hmac-key");
    }

    /**
     * The HMAC keys the journal chained with before the current one (D-26 rotation), base64,
     * comma-separated; verified with, never chained with. Empty when not set.
     */
    public String traceHmacPreviousKeys() {
        return string("interops.traces.hmac-previous-keys", "");
    }

    /** Seconds between two signed checkpoints of the trace chains (D-18). */
    public int traceCheckpointSeconds() {
        return Integer.parseInt(string("interops.traces.checkpoint-seconds", "10"));
    }

    /** A file the signed checkpoints are also appended to, outside the database (D-18). */
    public Optional<Path> traceCheckpointFile() {
        return optional("interops.traces.checkpoint-file").map(Path::of);
    }

    /**
     * A JWKS file of the public keys that signed checkpoints and retention marks, with their validity
     * (issue 15, D-26): kept outside the database; the server adds each key it signs with, and the
     * check verifies with it besides the key store, so that a key rotation breaks no old checkpoint.
     */
    public Optional<Path> traceCheckpointKeysFile() {
        return optional("interops.traces.checkpoint-keys-file").map(Path::of);
    }

    /**
     * The host of the operator's syslog collector that the signed checkpoints are also sent to (RFC 5424 over TLS,
     * RFC 5425); empty when they are not sent to syslog. It is also the name the collector's certificate must carry.
     */
    public Optional<String> traceSyslogHost() {
        return optional("interops.traces.syslog.host").map(String::strip);
    }

    /** The collector's TLS port; default 6514, the port of RFC 5425. */
    public int traceSyslogPort() {
        return Integer.parseInt(string("interops.traces.syslog.port", "6514"));
    }

    /** The PKCS#12 trust store that the collector's certificate is checked with; default: the application's. */
    public Path traceSyslogTruststore() {
        return optional("interops.traces.syslog.truststore").map(Path::of).orElseGet(this::truststore);
    }

    /** The password of {@link #traceSyslogTruststore()}; default: the application trust store's. */
    public char[] traceSyslogTruststorePassword() {
        return optional("interops.traces.syslog.truststore-password")
                .map(String::toCharArray)
                .orElseGet(this::truststorePassword);
    }

    /** A PKCS#12 key store holding the client certificate shown to the collector (mutual TLS); none by default. */
    public Optional<Path> traceSyslogKeystore() {
        return optional("interops.traces.syslog.keystore").map(Path::of);
    }

    /** The password of {@link #traceSyslogKeystore()}, for the store and its key; empty when not set. */
    public char[] traceSyslogKeystorePassword() {
        return string("interops.traces.syslog.keystore-password", "").toCharArray();
    }

    /** The syslog facility of the checkpoint messages (RFC 5424 §6.2.1, 0 to 23); default 16, local0. */
    public int traceSyslogFacility() {
        return Integer.parseInt(string("interops.traces.syslog.facility", "16"));
    }

    /**
     * Hours between two scheduled checks of the whole trace journal (issue 15); 24 by default, 0 turns the
     * scheduled check off. One node runs the check of each period (a database guard).
     */
    public int traceVerifyEveryHours() {
        return Integer.parseInt(string("interops.traces.verify-every-hours", "24"));
    }

    /** Days traces are kept (seed 000: bounded retention); default 12 months. */
    public int traceRetentionDays() {
        return Integer.parseInt(string("interops.traces.retention-days", "365"));
    }

    /** Most traces committed together in one transaction (group commit, D-17). */
    public int traceBatchSize() {
        return Integer.parseInt(string("interops.traces.batch-size", "500"));
    }

    /**
     * Seconds between two looks at the database for convention and secret changes made by other nodes (D-16). A change
     * is seen within this interval plus one look (a query) and one request: 1 s keeps that under D-16's 2 s, which a
     * 2 s interval could not (P-35).
     */
    public int conventionRefreshSeconds() {
        return Integer.parseInt(string("interops.conventions.refresh-seconds", "1"));
    }

    /** Whether {@code /metrics} also answers over HTTPS (for scrapers that use TLS); off: plain HTTP only (D-3). */
    public boolean metricsOverHttps() {
        return Boolean.parseBoolean(string("interops.metrics.over-https", "false"));
    }

    /** Longest wait, in milliseconds, for the database's answer in the readiness check. */
    public int healthDatabaseTimeoutMillis() {
        return Integer.parseInt(string("interops.health.database-timeout-ms", "2000"));
    }

    /** Liveness fails once the oldest trace waiting for its commit is older than this many seconds. */
    public int healthJournalStuckSeconds() {
        return Integer.parseInt(string("interops.health.journal-stuck-seconds", "60"));
    }
}
