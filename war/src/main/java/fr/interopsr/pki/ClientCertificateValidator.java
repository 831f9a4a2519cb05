package fr.interopsr.pki;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CRL;
import java.security.cert.CRLSelector;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertSelector;
import java.security.cert.CertStore;
import java.security.cert.CertStoreParameters;
import java.security.cert.CertStoreSpi;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import javax.security.auth.x500.X500Principal;

/**
 * Checks a client certificate — from the TLS handshake or forwarded (D-2) — with the rules of IR-13 and D-1,
 * using the JDK's PKIX {@link CertPathValidator}:
 * <ul>
 * <li>validity dates of every certificate of the path at the given instant;</li>
 * <li>the path chains to a trust anchor of the {@link TrustMaterial};</li>
 * <li>no certificate of the path is revoked: revocation is checked <em>only</em> against the loaded CRLs
 *     ({@link PKIXRevocationChecker} with {@code PREFER_CRLS} + {@code NO_FALLBACK}: no OCSP; no network as long as
 *     the JDK property {@code com.sun.security.enableCRLDP} stays unset, its default);</li>
 * <li>the leaf <b>has</b> an extendedKeyUsage extension with id-kp-clientAuth (absent = refused, D-1), and, if it
 *     has a keyUsage extension, digitalSignature ("key usage fits", IR-13).</li>
 * </ul>
 *
 * <p>Revocation policy (fail closed, D-1). Every issuer in the path must have a usable CRL in the material:
 * <ul>
 * <li>a CRL past its nextUpdate is refused ({@link CertificateFailure#REVOCATION_UNKNOWN}) unless
 *     {@code allowStaleCrl}; then its entries are still applied (a serial it lists is {@code REVOKED}) and the
 *     acceptance is logged at WARNING;</li>
 * <li>an issuer with <b>no</b> CRL in the material is refused ({@code REVOCATION_UNKNOWN}) unless
 *     {@code allowMissingCrl} (off by default, separate from {@code allowStaleCrl}: a stale CRL is still a signed
 *     list, a missing one is none); then the acceptance is logged at WARNING;</li>
 * <li>a CRL that does not verify (wrong signature, wrong scope) never counts: {@code REVOCATION_UNKNOWN}.</li>
 * </ul>
 *
 * <p>An accepted certificate comes with the facts of its validated path ({@link ValidatedCertificate}): the key
 * that verified the leaf's signature, taken from that path or from the anchor of the JDK's
 * {@link PKIXCertPathValidatorResult}, and whether it is the key of a trust-store certificate named as the leaf's
 * issuer. Name bindings use it (issue 14 §3).
 *
 * <p>Never throws for bad input: a null, empty or unusable chain is {@link CertificateFailure#MALFORMED}.
 * Thread-safe: state is per call.
 */
public final class ClientCertificateValidator {

    private static final Logger LOG = Logger.getLogger(ClientCertificateValidator.class.getName());
    private static final String CLIENT_AUTH_OID = "1.3.6.1.5.5.7.3.2";

    private final boolean allowStaleCrl;
    private final boolean allowMissingCrl;

    /** Strict validator: stale or missing CRLs fail closed. */
    public ClientCertificateValidator() {
        this(false, false);
    }

    /**
     * @param allowStaleCrl accept (with a WARNING) a CRL past its nextUpdate instead of failing closed
     * @param allowMissingCrl accept (with a WARNING) an issuer that has no CRL in the material
     */
    public ClientCertificateValidator(boolean allowStaleCrl, boolean allowMissingCrl) {
        this.allowStaleCrl = allowStaleCrl;
        this.allowMissingCrl = allowMissingCrl;
    }

    /** @return whether stale CRLs are accepted */
    public boolean allowStaleCrl() {
        return allowStaleCrl;
    }

    /** @return whether issuers without CRL are accepted */
    public boolean allowMissingCrl() {
        return allowMissingCrl;
    }

    /**
     * Validates one certificate (e.g. from an RFC 9440 {@code Client-Cert} header).
     *
     * @param certificate the client certificate, may be null (MALFORMED)
     * @param material trust anchors and CRLs
     * @param at the validation instant
     * @return the result
     */
    public CertificateCheck validate(X509Certificate certificate, TrustMaterial material, Instant at) {
        return validate(certificate == null ? null : new X509Certificate[] {certificate}, material, at);
    }

    /**
     * Validates a chain as the servlet container gives it ({@code jakarta.servlet.request.X509Certificate}).
     *
     * @param chain leaf first, then its issuers; the trust anchor may be included or not
     * @param material trust anchors and CRLs
     * @param at the validation instant
     * @return the result
     */
    public CertificateCheck validate(X509Certificate[] chain, TrustMaterial material, Instant at) {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(at, "at");
        if (chain == null || chain.length == 0) {
            return CertificateCheck.refused(CertificateFailure.MALFORMED, null, "no client certificate");
        }
        for (X509Certificate c : chain) {
            if (c == null) {
                return CertificateCheck.refused(CertificateFailure.MALFORMED, null, "null element in the chain");
            }
        }
        X509Certificate leaf = chain[0];
        try {
            return check(leaf, path(chain, material), material, at);
        } catch (RuntimeException e) {
            return CertificateCheck.refused(
                    CertificateFailure.MALFORMED, leaf, describe(leaf) + ": cannot be processed: " + e);
        }
    }

    private CertificateCheck check(
            X509Certificate leaf, List<X509Certificate> path, TrustMaterial material, Instant at) {
        String who = describe(leaf);
        List<String> warnings = new ArrayList<>();
        TrustAnchor anchor;
        try {
            anchor = validatePath(path, material.trustAnchors(), material.crls(), at, true, false)
                    .getTrustAnchor();
        } catch (CertPathValidatorException e) {
            if (e.getReason() != CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                return refusedByPkix(leaf, path, e);
            }
            Fallback degraded = revocationFallback(leaf, path, material, at, e, warnings);
            if (degraded.refusal() != null) {
                return degraded.refusal();
            }
            anchor = degraded.anchor();
        } catch (GeneralSecurityException e) {
            return CertificateCheck.refused(CertificateFailure.MALFORMED, leaf, who + ": " + e.getMessage());
        }

        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return CertificateCheck.refused(
                    CertificateFailure.MALFORMED, leaf, who + ": unreadable extendedKeyUsage: " + e.getMessage());
        }
        if (eku == null) {
            return CertificateCheck.refused(
                    CertificateFailure.MISSING_CLIENT_AUTH_EKU,
                    leaf,
                    who + ": no extendedKeyUsage extension (clientAuth required, D-1)");
        }
        if (!eku.contains(CLIENT_AUTH_OID)) {
            return CertificateCheck.refused(
                    CertificateFailure.MISSING_CLIENT_AUTH_EKU,
                    leaf,
                    who + ": extendedKeyUsage " + eku + " without clientAuth (D-1)");
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && (ku.length == 0 || !ku[0])) {
            return CertificateCheck.refused(
                    CertificateFailure.WRONG_KEY_USAGE, leaf, who + ": keyUsage without digitalSignature (IR-13)");
        }
        String detail = who + ": valid" + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")");
        if (!warnings.isEmpty()) {
            LOG.warning(() -> "client certificate ACCEPTED WITH DEGRADED REVOCATION CHECK: " + detail);
        }
        return CertificateCheck.accepted(
                ValidatedCertificate.of(leaf, issuerKey(path, anchor), anchor, material.anchorCertificates()), detail);
    }

    /**
     * The key that verified the leaf's signature in the validated path (issue 14 §3): the next certificate of the
     * path, else the trust anchor the JDK's PKIX validator chose ({@link PKIXCertPathValidatorResult}).
     */
    private static PublicKey issuerKey(List<X509Certificate> path, TrustAnchor anchor) {
        if (path.size() > 1) {
            return path.get(1).getPublicKey();
        }
        return anchor.getTrustedCert() != null ? anchor.getTrustedCert().getPublicKey() : anchor.getCAPublicKey();
    }

    /** The outcome of {@link #revocationFallback}: a refusal, or the anchor of the path it accepted. */
    private record Fallback(CertificateCheck refusal, TrustAnchor anchor) {
        static Fallback refused(CertificateCheck refusal) {
            return new Fallback(refusal, null);
        }
    }

    /**
     * The strict pass could not determine revocation. Either explain why (fail closed) or, when a flag allows it,
     * check each link of the path on its own: chain and dates without revocation first, then revocation of each
     * certificate against its direct issuer, with stale CRLs usable if allowed and issuers without CRL skipped if
     * allowed. Returns null when the certificate passes (warnings filled), else the refusal.
     */
    private Fallback revocationFallback(
            X509Certificate leaf,
            List<X509Certificate> path,
            TrustMaterial material,
            Instant at,
            CertPathValidatorException strict,
            List<String> warnings) {
        String who = describe(leaf);
        if (!allowStaleCrl && !allowMissingCrl) {
            X509Certificate failing =
                    strict.getIndex() >= 0 && strict.getIndex() < path.size() ? path.get(strict.getIndex()) : leaf;
            return Fallback.refused(CertificateCheck.refused(
                    CertificateFailure.REVOCATION_UNKNOWN,
                    leaf,
                    who + ": revocation status unknown for " + describe(failing) + ": "
                            + crlSituation(failing.getIssuerX500Principal(), material, at)));
        }
        TrustAnchor anchor;
        try {
            PKIXCertPathValidatorResult r = validatePath(path, material.trustAnchors(), List.of(), at, false, false);
            anchor = r.getTrustAnchor();
        } catch (CertPathValidatorException e) {
            return Fallback.refused(refusedByPkix(leaf, path, e));
        } catch (GeneralSecurityException e) {
            return Fallback.refused(
                    CertificateCheck.refused(CertificateFailure.MALFORMED, leaf, who + ": " + e.getMessage()));
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor.getTrustedCert();
            X500Principal issuerName = cert.getIssuerX500Principal();
            List<X509CRL> crls = material.crlsOf(issuerName);
            if (crls.isEmpty()) {
                if (!allowMissingCrl) {
                    return Fallback.refused(CertificateCheck.refused(
                            CertificateFailure.REVOCATION_UNKNOWN,
                            leaf,
                            who
                                    + ": revocation status unknown for " + describe(cert)
                                    + ": no CRL loaded for issuer "
                                    + issuerName.getName()));
                }
                warnings.add("no CRL for issuer " + issuerName.getName() + ", accepted (allowMissingCrl)");
                continue;
            }
            if (issuer == null) {
                return Fallback.refused(CertificateCheck.refused(
                        CertificateFailure.REVOCATION_UNKNOWN,
                        leaf,
                        who + ": trust anchor without certificate, cannot check revocation of " + describe(cert)));
            }
            boolean allStale = crls.stream().allMatch(c -> isStale(c, at));
            try {
                validatePath(List.of(cert), Set.of(new TrustAnchor(issuer, null)), crls, at, true, allowStaleCrl);
            } catch (CertPathValidatorException e) {
                if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                    return Fallback.refused(CertificateCheck.refused(
                            CertificateFailure.REVOCATION_UNKNOWN,
                            leaf,
                            who + ": revocation status unknown for " + describe(cert) + ": "
                                    + crlSituation(issuerName, material, at)));
                }
                return Fallback.refused(refusedByPkix(leaf, List.of(cert), e));
            } catch (GeneralSecurityException e) {
                return Fallback.refused(
                        CertificateCheck.refused(CertificateFailure.MALFORMED, leaf, who + ": " + e.getMessage()));
            }
            if (allStale) {
                warnings.add("CRL of " + issuerName.getName() + " is past its nextUpdate "
                        + crls.stream()
                                .map(c -> String.valueOf(c.getNextUpdate().toInstant()))
                                .toList()
                        + ", used anyway (allowStaleCrl)");
            }
        }
        return new Fallback(null, anchor);
    }

    private static String crlSituation(X500Principal issuer, TrustMaterial material, Instant at) {
        List<X509CRL> crls = material.crlsOf(issuer);
        if (crls.isEmpty()) {
            return "no CRL loaded for issuer " + issuer.getName() + " (fail closed, D-1)";
        }
        if (crls.stream().allMatch(c -> isStale(c, at))) {
            return "the CRL of " + issuer.getName() + " is past its nextUpdate "
                    + crls.stream()
                            .map(c -> String.valueOf(c.getNextUpdate().toInstant()))
                            .toList()
                    + " (stale CRL fails closed, D-1)";
        }
        return "no CRL of " + issuer.getName() + " is usable (signature, scope or dates not accepted)";
    }

    private static boolean isStale(X509CRL crl, Instant at) {
        return crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(at);
    }

    private static PKIXCertPathValidatorResult validatePath(
            List<X509Certificate> path,
            Set<TrustAnchor> anchors,
            Collection<X509CRL> crls,
            Instant at,
            boolean checkRevocation,
            boolean lenientCrlDates)
            throws GeneralSecurityException {
        CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXParameters params = new PKIXParameters(anchors);
        params.setDate(Date.from(at));
        params.setRevocationEnabled(checkRevocation);
        if (checkRevocation) {
            PKIXRevocationChecker rc = (PKIXRevocationChecker) validator.getRevocationChecker();
            rc.setOptions(
                    EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
            params.addCertPathChecker(rc);
            CollectionCertStoreParameters storeParams = new CollectionCertStoreParameters(List.copyOf(crls));
            params.addCertStore(
                    lenientCrlDates
                            ? CertStore.getInstance(LenientCrlStore.TYPE, storeParams, LenientCrlStore.PROVIDER)
                            : CertStore.getInstance("Collection", storeParams));
        }
        return (PKIXCertPathValidatorResult) validator.validate(certPath, params);
    }

    private static CertificateCheck refusedByPkix(
            X509Certificate leaf, List<X509Certificate> path, CertPathValidatorException e) {
        CertificateFailure failure;
        CertPathValidatorException.Reason reason = e.getReason();
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            failure = CertificateFailure.EXPIRED;
        } else if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            failure = CertificateFailure.NOT_YET_VALID;
        } else if (reason == CertPathValidatorException.BasicReason.REVOKED) {
            failure = CertificateFailure.REVOKED;
        } else if (reason == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            failure = CertificateFailure.REVOCATION_UNKNOWN;
        } else {
            failure = CertificateFailure.UNTRUSTED;
        }
        String at =
                e.getIndex() >= 0 && e.getIndex() < path.size() ? " (at " + describe(path.get(e.getIndex())) + ")" : "";
        return CertificateCheck.refused(
                failure, leaf, describe(leaf) + ": " + failure + ": " + e.getMessage() + " [" + reason + "]" + at);
    }

    /** Leaf first, then issuers, stopping before the first certificate that is itself a trust anchor. */
    private static List<X509Certificate> path(X509Certificate[] chain, TrustMaterial material) {
        List<X509Certificate> anchors = material.anchorCertificates();
        List<X509Certificate> path = new ArrayList<>();
        path.add(chain[0]);
        for (int i = 1; i < chain.length; i++) {
            if (anchors.contains(chain[i])) {
                break;
            }
            path.add(chain[i]);
        }
        return path;
    }

    static String describe(X509Certificate c) {
        return "certificate subject=\"" + c.getSubjectX500Principal().getName() + "\" serial="
                + HexFormat.of().formatHex(c.getSerialNumber().toByteArray()) + " issuer=\""
                + c.getIssuerX500Principal().getName() + "\"";
    }

    /**
     * A CRL store that ignores the CRL date window of the selector (thisUpdate / nextUpdate) and applies all its
     * other criteria; used only when {@code allowStaleCrl} is set, so that the JDK's revocation checker still
     * applies a stale CRL's entries.
     */
    private static final class LenientCrlStore extends CertStoreSpi {
        static final String TYPE = "InteropsLenientCrlCollection";
        static final Provider PROVIDER = new LenientProvider();

        private final List<X509CRL> crls;

        LenientCrlStore(CertStoreParameters params) throws InvalidAlgorithmParameterException {
            super(params);
            if (!(params instanceof CollectionCertStoreParameters c)) {
                throw new InvalidAlgorithmParameterException("CollectionCertStoreParameters expected");
            }
            List<X509CRL> list = new ArrayList<>();
            for (Object o : c.getCollection()) {
                if (o instanceof X509CRL crl) {
                    list.add(crl);
                }
            }
            this.crls = List.copyOf(list);
        }

        @Override
        public Collection<? extends Certificate> engineGetCertificates(CertSelector selector) {
            return List.of();
        }

        @Override
        public Collection<? extends CRL> engineGetCRLs(CRLSelector selector) {
            CRLSelector s = selector;
            if (selector instanceof X509CRLSelector x) {
                X509CRLSelector copy = (X509CRLSelector) x.clone();
                copy.setDateAndTime(null);
                s = copy;
            }
            List<X509CRL> out = new ArrayList<>();
            for (X509CRL crl : crls) {
                if (s == null || s.match(crl)) {
                    out.add(crl);
                }
            }
            return out;
        }

        /** Not installed in {@link java.security.Security}; passed explicitly to {@link CertStore#getInstance}. */
        private static final class LenientProvider extends Provider {
            private static final long serialVersionUID = 1L;

            LenientProvider() {
                super("InteropsR-LenientCrl", "1.0", "CRL store ignoring CRL dates (allowStaleCrl only)");
                putService(new Service(this, "CertStore", TYPE, LenientCrlStore.class.getName(), null, null) {
                    @Override
                    public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                        try {
                            return new LenientCrlStore((CertStoreParameters) parameter);
                        } catch (InvalidAlgorithmParameterException | ClassCastException e) {
                            throw new NoSuchAlgorithmException(e);
                        }
                    }
                });
            }
        }
    }
}
