package fr.interopsr.token;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import fr.interopsr.convention.document.UserAuthenticationTerms;
import fr.interopsr.json.CanonicalJson;
import fr.interopsr.pki.TrustMaterial;
import fr.interopsr.pki.TrustMaterialSource;
import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The keys of the OpenID providers that conventions trust for token exchange (issue 17 §3, P-52): an inline JWK Set
 * as it is; a {@code jwksUri} fetched over HTTPS by Nimbus's {@link JWKSourceBuilder} with a bounded cache (five
 * minutes, a refetch at most every 30 s when a {@code kid} is unknown, 2 s timeouts, 64 KiB at most), the server
 * certificate checked against the JDK's trust store plus the trust anchors of {@code truststores/} (reloaded on
 * change, as for client certificates). At most {@link #MAX_SOURCES} sources are kept; past that, all are dropped.
 */
@ApplicationScoped
public class ProviderKeys {

    private static final Logger LOG = Logger.getLogger(ProviderKeys.class.getName());

    static final int MAX_SOURCES = 256;
    static final long CACHE_TTL_MILLIS = Duration.ofMinutes(5).toMillis();
    static final long REFRESH_TIMEOUT_MILLIS = Duration.ofSeconds(5).toMillis();
    static final long MIN_REFETCH_MILLIS = Duration.ofSeconds(30).toMillis();
    static final int TIMEOUT_MILLIS = 2000;
    static final int SIZE_LIMIT_BYTES = 64 * 1024;

    @Inject
    ServerSettings settings;

    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();
    private SSLSocketFactory tls;

    public ProviderKeys() {}

    /** For tests: fetches with this TLS configuration. */
    ProviderKeys(SSLSocketFactory tls) {
        this.tls = tls;
    }

    @PostConstruct
    void init() {
        TrustMaterialSource trust;
        try {
            trust = new TrustMaterialSource(
                    settings.truststore(),
                    settings.truststorePassword(),
                    settings.truststoresDir(),
                    Duration.ofSeconds(5));
        } catch (IllegalStateException e) {
            // client certificates fail the start on this (D-1); here, the JDK's trust store still serves
            LOG.warning(() -> "OpenID provider keys: truststores/ unusable, the JDK's trust store only: " + e);
            trust = null;
        }
        TrustMaterialSource source = trust;
        tls = socketFactory(source == null ? () -> null : source::current);
    }

    /** The keys of the provider the terms name. */
    public JWKSource<SecurityContext> of(UserAuthenticationTerms terms) {
        String key =
                terms.jwksUri().orElseGet(() -> CanonicalJson.write(terms.jwks().orElseThrow()));
        JWKSource<SecurityContext> source = sources.get(key);
        if (source != null) {
            return source;
        }
        if (sources.size() >= MAX_SOURCES) {
            sources.clear();
        }
        return sources.computeIfAbsent(key, k -> create(terms));
    }

    private JWKSource<SecurityContext> create(UserAuthenticationTerms terms) {
        if (terms.jwksUri().isEmpty()) {
            return new ImmutableJWKSet<>(terms.jwkSet().orElseThrow());
        }
        try {
            return JWKSourceBuilder.<SecurityContext>create(
                            URI.create(terms.jwksUri().get()).toURL(),
                            new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT_BYTES, true, tls))
                    .cache(CACHE_TTL_MILLIS, REFRESH_TIMEOUT_MILLIS)
                    .refreshAheadCache(false)
                    .rateLimited(MIN_REFETCH_MILLIS)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwksUri is not a URL: " + e.getMessage(), e);
        }
    }

    /**
     * TLS for the fetch: the JDK's default trust, then the anchors of {@code truststores/} as the source has them now
     * (host names are checked by the HTTPS connection).
     */
    static SSLSocketFactory socketFactory(Supplier<TrustMaterial> ours) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new JdkAndOurs(trustManager(null), ours)}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS for the OpenID providers' keys: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(anchors);
        for (TrustManager m : f.getTrustManagers()) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager");
    }

    /** The JDK's trust store first, then ours; a server only (the fetch is a client). */
    private static final class JdkAndOurs extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jdk;
        private final Supplier<TrustMaterial> ours;
        private volatile TrustMaterial material;
        private volatile X509ExtendedTrustManager oursManager;

        JdkAndOurs(X509ExtendedTrustManager jdk, Supplier<TrustMaterial> ours) {
            this.jdk = jdk;
            this.ours = ours;
        }

        private X509ExtendedTrustManager ours() throws CertificateException {
            TrustMaterial now = ours.get();
            if (now == null) {
                throw new CertificateException("not trusted by the JDK, and truststores/ is unusable");
            }
            if (now != material || oursManager == null) {
                try {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    ks.load(null, null);
                    int i = 0;
                    for (X509Certificate anchor : now.anchorCertificates()) {
                        ks.setCertificateEntry("anchor-" + i++, anchor);
                    }
                    oursManager = trustManager(ks);
                    material = now;
                } catch (GeneralSecurityException | java.io.IOException e) {
                    throw new CertificateException("truststores/ could not be used: " + e.getMessage(), e);
                }
            }
            return oursManager;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                ours().checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                ours().checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                ours().checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(jdk.getAcceptedIssuers()));
            try {
                all.addAll(List.of(ours().getAcceptedIssuers()));
            } catch (CertificateException e) {
                // only the JDK's
            }
            return all.toArray(new X509Certificate[0]);
        }
    }
}
