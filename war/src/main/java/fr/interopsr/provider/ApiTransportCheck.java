package fr.interopsr.provider;

import fr.interopsr.pki.CertificateCheck;
import fr.interopsr.pki.PresentedChain;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.platform.RequestOrigin;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code /api/} checks about the transport before it reads the VI, in this order:
 *
 * <ol>
 *   <li>HTTPS (D-3): plain HTTP is 401 {@code invalid_request} "HTTPS required", step {@code transport};
 *   <li>a forwarded {@code Client-Cert} from our own proxy that is malformed (D-2) is 401 {@code invalid_token},
 *       step {@code transport}: the certificate never arrived, so the refusal is about how the request came,
 *       not a certificate that failed a check (the token endpoint answers {@code invalid_client} to the same);
 *   <li>a client certificate presented, directly or forwarded, passes the application's own check (D-1: trust,
 *       validity, clientAuth, revocation), else 401 {@code invalid_token}, step {@code mtls}.
 * </ol>
 *
 * The last two answer the generic description (D-12); the trace holds the reason. An accepted certificate comes out
 * with the facts of its validated path, for the bindings of step {@code MTLS} (issue 14 §3).
 */
final class ApiTransportCheck {

    private ApiTransportCheck() {}

    /**
     * A refusal before the VI is read.
     *
     * @param step        the step the trace names
     * @param error       the Bearer error of the answer and of the trace
     * @param description the answer's {@code error_description}
     * @param traceDetail the trace's detail
     */
    record Refusal(ValidationStep step, String error, String description, String traceDetail) {}

    /**
     * What the check found: a refusal, or the client certificate as validated, with the facts of its validated path
     * that {@link MutualTlsStep} matches bindings on (issue 14 §3).
     *
     * @param refusal     the first refusal, or empty when the VI may be read
     * @param certificate the validated client certificate; null when refused or when none was presented
     */
    record Result(Optional<Refusal> refusal, ValidatedCertificate certificate) {
        static Result refused(Refusal refusal) {
            return new Result(Optional.of(refusal), null);
        }
    }

    /**
     * The first refusal, or the validated certificate (if any) when the VI may be read.
     *
     * @param certificateCheck the application's check of a chain (D-1)
     */
    static Result check(
            RequestOrigin origin,
            PresentedChain presented,
            Function<X509Certificate[], CertificateCheck> certificateCheck) {
        if (!origin.secure()) {
            return Result.refused(new Refusal(
                    ValidationStep.TRANSPORT, "invalid_request", "HTTPS required", "plain HTTP refused (D-3)"));
        }
        if (presented.malformed().isPresent()) {
            return Result.refused(new Refusal(
                    ValidationStep.TRANSPORT,
                    "invalid_token",
                    ValidationResult.GENERIC_DESCRIPTION,
                    presented.malformed().get() + " (D-2)"));
        }
        if (presented.chain().isPresent()) {
            CertificateCheck check = certificateCheck.apply(presented.chain().get());
            if (!check.valid()) {
                return Result.refused(new Refusal(
                        ValidationStep.MTLS,
                        "invalid_token",
                        ValidationResult.GENERIC_DESCRIPTION,
                        "client certificate refused: " + check.problem().orElseThrow() + " (D-1)"));
            }
            return new Result(Optional.empty(), check.validated());
        }
        return new Result(Optional.empty(), null);
    }
}
