package fr.interopsr.provider;

import fr.interopsr.convention.document.CertificateBindingTerms;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ValidatedCertificate;
import java.util.Optional;

/**
 * {@link ValidationStep#MTLS}, D-4, right after {@link OriginStep}: a convention with
 * {@code serviceProvider.mutualTls} needs a client certificate (already validated under D-1) bound to its client:
 * one uploaded for that client, or one that matches {@code serviceProvider.certificate} (D-6: the bindings are the
 * union of both). Mutual TLS with no binding at all matches nothing. A binding by names holds only when the leaf's
 * issuer in its validated path is a trusted CA certificate with that DN, compared by key (issue 14 §3).
 */
final class MutualTlsStep extends Step {

    MutualTlsStep() {
        super(ValidationStep.MTLS);
    }

    @Override
    Verdict check(ValidationContext context) {
        ConventionDocument doc = context.document();
        // D-4
        if (!doc.serviceProvider().mutualTls()) {
            return Verdict.PASS;
        }
        ValidatedCertificate certificate = context.request.clientCertificate();
        if (certificate == null) {
            return fail("the convention requires mutual TLS and the call has no client certificate (D-4)");
        }
        // the client's bindings are the union of the document's and the uploaded certificates (D-6)
        boolean uploaded = context.index.clientsBoundTo(certificate).contains(context.convention.clientId());
        if (uploaded) {
            return Verdict.PASS;
        }
        Optional<CertificateBindingTerms> terms = doc.serviceProvider().certificate();
        if (terms.isEmpty()) {
            return fail("the convention requires mutual TLS but binds no certificate"
                    + " (serviceProvider.certificate is null, none uploaded): nothing can match (D-4)");
        }
        CertificateBindingTerms t = terms.get();
        CertificateBinding binding = new CertificateBinding(
                t.subjectDn().orElse(null),
                t.issuerDn().orElse(null),
                t.sha256().orElse(null));
        // by names, only under a trusted CA certificate compared by key (issue 14 §3)
        if (!binding.matches(certificate)) {
            return fail("client certificate "
                    + Shown.text(certificate.leaf().getSubjectX500Principal().getName())
                    + " does not match the convention's certificate binding " + binding + " (D-4)"
                    + (certificate.issuedByTrustedCa()
                            ? ""
                            : "; its issuer "
                                    + Shown.text(certificate
                                            .leaf()
                                            .getIssuerX500Principal()
                                            .getName())
                                    + " is not a CA certificate of the trust store (compared by key)"));
        }
        return Verdict.PASS;
    }
}
