package fr.interopsr.provider;

import fr.interopsr.pki.CertificateThumbprint;
import fr.interopsr.pki.ValidatedCertificate;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * {@link ValidationStep#CNF}, RFC 8705 §3 (an extension beyond Interops-R 1.0, P-44), right after step 15, so that
 * only a VI whose signature verified is judged on its {@code cnf}:
 * <ul>
 * <li>a VI that has {@code cnf} is accepted only with a client certificate (the TLS one, or the one our own proxy
 * forwarded, D-2; already checked under D-1) whose SHA-256 thumbprint is its {@code cnf.x5t#S256}, whatever the
 * convention says;</li>
 * <li>{@code cnf} must be an object whose only member is {@code x5t#S256}, 43 base64url characters: a confirmation
 * this data provider cannot check (a DPoP {@code jkt}, a {@code jwk}) is refused, never ignored;</li>
 * <li>under a convention with {@code identityProvider.certificateBoundVi}, a VI without {@code cnf} is refused.</li>
 * </ul>
 * The thumbprints are compared as digests, in constant time. The validation cache is keyed by the certificate too,
 * so a VI accepted with one certificate is checked again with another.
 */
final class CertificateBoundStep extends Step {

    private static final String CNF = CertificateThumbprint.CONFIRMATION_CLAIM;
    private static final String X5T_S256 = CertificateThumbprint.X5T_S256;

    CertificateBoundStep() {
        super(ValidationStep.CNF);
    }

    @Override
    Verdict check(ValidationContext context) {
        JsonValue cnf = context.claims.get(CNF);
        if (cnf == null) {
            if (context.document().identityProvider().certificateBoundVi()) {
                return fail("the VI has no cnf and convention " + context.convention.id()
                        + " binds its VIs to the client certificate (certificateBoundVi, RFC 8705 §3)");
            }
            return Verdict.PASS;
        }
        if (!(cnf instanceof JsonObject confirmation)) {
            return fail("cnf is not a JSON object (RFC 7800 §3.1)");
        }
        if (!(confirmation.get(X5T_S256) instanceof JsonString thumbprint)) {
            return fail("cnf has no x5t#S256 string: no confirmation method this data provider checks (RFC 8705 §3.1)");
        }
        if (confirmation.size() != 1) {
            return fail("cnf has members besides x5t#S256 that this data provider cannot check: "
                    + Shown.text(String.join(",", confirmation.keySet())));
        }
        String claimed = thumbprint.getString();
        if (CertificateThumbprint.decode(claimed).isEmpty()) {
            return fail("cnf.x5t#S256 " + Shown.text(claimed)
                    + " is not the base64url of a SHA-256 (43 characters, no padding)");
        }
        ValidatedCertificate certificate = context.request.clientCertificate();
        if (certificate == null) {
            return fail("the VI is bound to certificate x5t#S256 " + claimed
                    + " and the call has no client certificate (RFC 8705 §3)");
        }
        if (!CertificateThumbprint.matches(claimed, certificate.leaf())) {
            return fail("the VI is bound to certificate x5t#S256 " + claimed + " and the call came with "
                    + Shown.text(certificate.leaf().getSubjectX500Principal().getName()) + ", x5t#S256 "
                    + CertificateThumbprint.x5tS256(certificate.leaf()) + " (RFC 8705 §3)");
        }
        return Verdict.PASS;
    }
}
