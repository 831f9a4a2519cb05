package fr.interopsr.provider;

import fr.interopsr.convention.document.CertificateBindingTerms;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ValidatedCertificate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * At the introspection endpoint (issue 17, RFC 7662), instead of §3.5.2 step 8 and reported under
 * {@link ValidationStep#TARGET_SERVICE}: the data provider that asks learns only about VIs this server issued under
 * its own convention. So the convention found at step 7 has this deployment's issuer (D-7), the VI's {@code azp} is
 * that convention's {@code dataProvider.serviceId}, and the caller's certificate (validated under D-1, carried as the
 * request's client certificate) matches that convention's {@code dataProvider.introspectionCertificate}, by names only
 * under a trusted CA certificate compared by key (issue 14 §3), as {@code serviceProvider.certificate} does, or is
 * one uploaded for that convention through the administration (by SHA-256, as D-6 for clients).
 */
final class IntrospectionTargetStep extends Step {

    private final String ownIssuer;
    private final boolean callerCertificate;
    private final Function<String, Set<String>> uploaded;

    /**
     * @param ownIssuer         this deployment's issuer
     * @param callerCertificate whether the caller's certificate must be the convention's introspection certificate
     *                          (false for a client's revocation, whose client is checked by the endpoint)
     */
    IntrospectionTargetStep(String ownIssuer, boolean callerCertificate) {
        this(ownIssuer, callerCertificate, id -> Set.of());
    }

    /**
     * @param uploaded the SHA-256s (lower-case hex) of the introspection certificates uploaded for a convention id
     *                 through the administration, which bind as {@code introspectionCertificate} does (issue 17, D-6)
     */
    IntrospectionTargetStep(String ownIssuer, boolean callerCertificate, Function<String, Set<String>> uploaded) {
        super(ValidationStep.TARGET_SERVICE);
        this.ownIssuer = ownIssuer;
        this.callerCertificate = callerCertificate;
        this.uploaded = Objects.requireNonNull(uploaded, "uploaded");
    }

    @Override
    Verdict check(ValidationContext context) {
        // D-7: only VIs of this identity provider
        if (ownIssuer == null || !ownIssuer.equals(context.convention.issuer())) {
            return fail("introspection: convention " + context.convention.id() + " has issuer "
                    + Shown.text(context.convention.issuer()) + ", not this server's (D-7)");
        }
        var dp = context.document().dataProvider();
        // instead of step 8: azp is the convention's own service
        if (!Objects.equals(context.facts.azp(), dp.serviceId())) {
            return fail("introspection: azp " + Shown.text(context.facts.azp()) + " is not the convention's service "
                    + Shown.text(dp.serviceId()));
        }
        ValidatedCertificate caller = context.request.clientCertificate();
        if (callerCertificate
                && !introspects(dp.introspectionCertificate(), caller)
                && !uploadedFor(uploaded.apply(context.convention.id()), caller)) {
            return fail("introspection: the caller's certificate is not dataProvider.introspectionCertificate of"
                    + " convention " + context.convention.id());
        }
        return Verdict.PASS;
    }

    /** Whether this validated certificate is one of the uploaded ones, by its SHA-256. */
    static boolean uploadedFor(Set<String> sha256s, ValidatedCertificate certificate) {
        return certificate != null
                && !sha256s.isEmpty()
                && sha256s.contains(CertificateBinding.sha256Hex(certificate.leaf()));
    }

    /** Whether this validated certificate is the one the convention names for introspection. */
    static boolean introspects(Optional<CertificateBindingTerms> terms, ValidatedCertificate certificate) {
        if (terms.isEmpty() || certificate == null) {
            return false;
        }
        CertificateBindingTerms t = terms.get();
        return new CertificateBinding(
                        t.subjectDn().orElse(null),
                        t.issuerDn().orElse(null),
                        t.sha256().orElse(null))
                .matches(certificate);
    }
}
