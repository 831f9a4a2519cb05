package fr.interopsr.pki;

import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * The application's own check of every client certificate it accepts, direct or forwarded
 * (IR-13, D-1): the truststore and the CRLs of {@code interops.truststores.dir}, reloaded on change.
 */
@ApplicationScoped
public class ClientCertificates {

    @Inject
    ServerSettings settings;

    private TrustMaterialSource trust;
    private ClientCertificateValidator validator;

    @PostConstruct
    void init() {
        trust = new TrustMaterialSource(
                settings.truststore(), settings.truststorePassword(), settings.truststoresDir(), Duration.ofSeconds(5));
        validator = new ClientCertificateValidator(settings.allowStaleCrl(), false);
    }

    /** Loads the truststore and CRLs now, so that a bad path or password stops the start (D-1). */
    public void load() {
        trust.current();
    }

    /**
     * The check of a chain: accepted with the facts of its validated path, which name bindings need (issue 14 §3),
     * or refused with the reason for the trace. Never throws: no trust, no entry.
     */
    public CertificateCheck check(X509Certificate[] chain) {
        try {
            return validator.validate(chain, trust.current(), Instant.now());
        } catch (RuntimeException e) {
            return CertificateCheck.refused(
                    CertificateFailure.UNTRUSTED,
                    chain == null || chain.length == 0 ? null : chain[0],
                    "trust material unavailable: " + e.getMessage());
        }
    }
}
