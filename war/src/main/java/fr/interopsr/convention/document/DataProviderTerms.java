package fr.interopsr.convention.document;

import jakarta.json.JsonObject;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The data provider's part of a convention (IR-20 "DP"): the target service id (the VI's
 * {@code azp}, IR-10, checked at §3.5.2 step 8), exposed base URL, reverse proxies, its
 * certificate chain (IR-13), the allowed clock drift (step 10) and clock source (IR-17); and, beyond Interops-R 1.0
 * (issue 17), the TLS client certificate with which this data provider may call the introspection endpoint.
 *
 * @param serviceId               absolute URI, the VI's {@code azp}
 * @param baseUrl                 exposed https base URL, if published
 * @param reverseProxyIps         IPv4/IPv6 literals of its reverse proxies
 * @param certificateChainPem     PEM text of its certificate and chain, if given
 * @param allowedClockSkewSeconds allowed clock drift, 0..600 (default 120)
 * @param clockSync               clock source of the DP (IR-17)
 * @param introspectionCertificate the client certificate (clientAuth, D-1) the DP introspects VIs of this convention
 *                                with ({@code POST /idp/introspect}, RFC 7662); same shape as
 *                                {@code serviceProvider.certificate}; empty when this DP does not introspect
 */
public record DataProviderTerms(
        String serviceId,
        Optional<String> baseUrl,
        List<String> reverseProxyIps,
        Optional<String> certificateChainPem,
        int allowedClockSkewSeconds,
        Optional<String> clockSync,
        Optional<CertificateBindingTerms> introspectionCertificate) {

    /** Default of {@code allowedClockSkewSeconds}. */
    public static final int DEFAULT_ALLOWED_CLOCK_SKEW_SECONDS = 120;

    /** The largest {@code allowedClockSkewSeconds} a convention may set. */
    public static final int MAX_ALLOWED_CLOCK_SKEW_SECONDS = 600;

    public DataProviderTerms {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        reverseProxyIps = List.copyOf(reverseProxyIps);
        Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        Objects.requireNonNull(clockSync, "clockSync");
        Objects.requireNonNull(introspectionCertificate, "introspectionCertificate");
    }

    /**
     * The certificates of {@link #certificateChainPem}, in document order; empty when there is none.
     *
     * @throws IllegalArgumentException if the PEM does not parse (only for hand-built records)
     */
    public List<X509Certificate> certificateChain() {
        return certificateChainPem.map(PemCertificates::parse).orElse(List.of());
    }

    /**
     * The CONTRACT.md JSON of this part; {@code introspectionCertificate} only when given (P-46), so that the
     * documents of Interops-R 1.0 keep their form and hash (D-15).
     */
    public JsonObject toJson() {
        var out = JsonOut.object()
                .add("serviceId", serviceId)
                .add("baseUrl", JsonOut.stringOrNull(baseUrl))
                .add("reverseProxyIps", JsonOut.strings(reverseProxyIps))
                .add("certificateChainPem", JsonOut.stringOrNull(certificateChainPem))
                .add("allowedClockSkewSeconds", allowedClockSkewSeconds)
                .add("clockSync", JsonOut.stringOrNull(clockSync));
        introspectionCertificate.ifPresent(c -> out.add("introspectionCertificate", c.toJson()));
        return out.build();
    }
}
