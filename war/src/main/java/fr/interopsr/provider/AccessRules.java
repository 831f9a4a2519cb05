package fr.interopsr.provider;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.CertificateBindingTerms;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.json.Jsonp;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ValidatedCertificate;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The data provider's rules for a call, asked without the call (issue 18 §3, seed 003: "evaluate a request against
 * the rules without sending it"). It runs the very {@link Step} classes of {@link ViValidator} that judge a call once
 * its convention is known, in the validator's order, on a {@link ValidationContext} made from the question instead
 * of from a VI: {@link OriginStep} (D-2), {@link MutualTlsStep} (D-4), {@link TargetServiceStep} (step 8),
 * {@link ScopesAllowedStep} (step 12), {@link EnvironmentStep} (step 13); then the scope that the resource's method
 * requires ({@link ScopeRoute}, the {@code @RolesAllowed} of the method: 401 {@code insufficient_scope}, D-11).
 * The steps about the VI itself (structure, time, algorithm, signature, cnf, replay) have no VI to look at. The
 * convention lookup and its status are the caller's ({@code access}), since only it knows which revision was in
 * force when.
 *
 * <p>A certificate may be given as the certificate itself, already checked under D-1 (then {@link MutualTlsStep}
 * judges it exactly as at the API), or as its {@code x5t#S256} only: then only the bindings by fingerprint can be
 * judged (uploaded certificates, {@code serviceProvider.certificate.sha256}); a binding by names needs the
 * certificate and is refused, saying so.
 */
public final class AccessRules {

    /** The step name of a missing scope, after the validation steps (D-11: the resource's refusal). */
    public static final String RESOURCE_SCOPE = "resource_scope";

    private static final OriginStep ORIGIN = new OriginStep();
    private static final MutualTlsStep MTLS = new MutualTlsStep();
    private static final ScopesAllowedStep SCOPES_ALLOWED = new ScopesAllowedStep();
    private static final EnvironmentStep ENVIRONMENT = new EnvironmentStep();

    private AccessRules() {}

    /**
     * One question about one convention.
     *
     * @param convention    the convention revision the call would be judged under
     * @param index         the index the bindings are read from (the revisions in force then, the uploaded
     *                      certificates as they are now)
     * @param serviceIds    the services this data provider serves ({@code interops.provider.service-ids})
     * @param clientAddress the caller's address, or null when the question gives none
     * @param certificate   the client certificate as checked under D-1, or null
     * @param thumbprint    the certificate's {@code x5t#S256} when only that is given (else null)
     * @param scopes        the scopes the VI would carry; null: those the convention allows
     * @param environment   the VI's {@code env}; null: the convention's own (a VI issued under it carries it)
     * @param requiredScope the scope the resource's method requires
     * @param at            the time of the call
     */
    public record Call(
            Convention convention,
            ConventionIndex index,
            Set<String> serviceIds,
            String clientAddress,
            ValidatedCertificate certificate,
            String thumbprint,
            List<String> scopes,
            String environment,
            String requiredScope,
            Instant at) {
        public Call {
            Objects.requireNonNull(convention, "convention");
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(requiredScope, "requiredScope");
            Objects.requireNonNull(at, "at");
            serviceIds = Set.copyOf(serviceIds);
        }
    }

    /**
     * The outcome.
     *
     * @param allowed true when every rule holds
     * @param step    the refusing step as traces name it ({@code origin}, {@code mtls}, {@code scopes_allowed},
     *                {@value #RESOURCE_SCOPE} …), null when allowed
     * @param error   the error the call would get ({@code invalid_token}, {@code insufficient_scope}), null when
     *                allowed
     * @param detail  the exact reason, as the trace of the call would say it
     */
    public record Outcome(boolean allowed, String step, String error, String detail) {
        static Outcome allow(String detail) {
            return new Outcome(true, null, null, detail);
        }
    }

    /** The rules, in the validator's order; the first refusal ends it. */
    public static Outcome check(Call call) {
        ValidationContext context =
                new ValidationContext(ViRequest.bearer(null, call.clientAddress(), call.certificate(), call.at()));
        Convention convention = call.convention();
        ConventionDocument doc = convention.document();
        context.index = call.index();
        context.convention = convention;
        context.facts = new ValidationResult.Facts(
                null,
                convention.issuer(),
                doc.serviceProvider().id(),
                doc.dataProvider().serviceId());
        List<String> scopes = call.scopes() == null ? doc.scopes() : List.copyOf(call.scopes());
        context.scopes = scopes;
        JsonObjectBuilder claims = Jsonp.PROVIDER.createObjectBuilder();
        claims.add("env", call.environment() == null ? doc.environment() : call.environment());
        context.claims = claims.build();

        if (call.clientAddress() == null
                && !doc.serviceProvider().reverseProxyIps().isEmpty()) {
            return refused(
                    ValidationStep.ORIGIN,
                    "the convention limits the caller's addresses to serviceProvider.reverseProxyIps "
                            + doc.serviceProvider().reverseProxyIps()
                            + " and the question gives no address (D-2)");
        }
        Optional<Outcome> refusal = run(ORIGIN, context);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        refusal = call.certificate() == null && call.thumbprint() != null
                ? mutualTlsByThumbprint(call, doc)
                : run(MTLS, context);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        refusal = run(new TargetServiceStep(call.serviceIds()), context);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        refusal = run(SCOPES_ALLOWED, context);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        refusal = run(ENVIRONMENT, context);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (!scopes.contains(call.requiredScope())) {
            return new Outcome(
                    false,
                    RESOURCE_SCOPE,
                    BearerError.INSUFFICIENT_SCOPE.wireName(),
                    "the method needs scope " + Shown.text(call.requiredScope()) + " and "
                            + (call.scopes() == null
                                    ? "convention " + convention.id() + " allows only " + doc.scopes()
                                    : "the VI would carry only " + scopes)
                            + " (IR-12, D-11)");
        }
        return Outcome.allow(
                "every rule holds under convention " + convention.id() + " revision " + convention.revision());
    }

    private static Optional<Outcome> run(Step step, ValidationContext context) {
        if (step.check(context) instanceof Verdict.Failure failure) {
            return Optional.of(refused(failure.step(), failure.detail()));
        }
        return Optional.empty();
    }

    private static Outcome refused(ValidationStep step, String detail) {
        return new Outcome(false, step.traceName(), step.error().wireName(), detail);
    }

    /**
     * {@link MutualTlsStep}'s rule for a certificate known only by its {@code x5t#S256}: the bindings by fingerprint
     * (uploaded, or {@code serviceProvider.certificate.sha256}); a binding by names cannot be judged without the
     * certificate.
     */
    private static Optional<Outcome> mutualTlsByThumbprint(Call call, ConventionDocument doc) {
        if (!doc.serviceProvider().mutualTls()) {
            return Optional.empty();
        }
        byte[] digest = fr.interopsr.pki.CertificateThumbprint.decode(call.thumbprint())
                .orElseThrow(() -> new IllegalArgumentException("not an x5t#S256"));
        String hex = HexFormat.of().formatHex(digest);
        Object key = CertificateBinding.ofSha256(hex).indexKey().orElseThrow();
        String clientId = call.convention().clientId();
        if (call.index().clientsByCertificateKey().getOrDefault(key, List.of()).contains(clientId)) {
            return Optional.empty();
        }
        Optional<CertificateBindingTerms> terms = doc.serviceProvider().certificate();
        if (terms.isPresent() && terms.get().sha256().isPresent()) {
            if (CertificateBinding.ofSha256(terms.get().sha256().get())
                    .indexKey()
                    .map(key::equals)
                    .orElse(false)) {
                return Optional.empty();
            }
            return Optional.of(refused(
                    ValidationStep.MTLS,
                    "client certificate x5t#S256 " + call.thumbprint()
                            + " does not match the convention's certificate binding (D-4)"));
        }
        if (terms.isPresent()) {
            return Optional.of(refused(
                    ValidationStep.MTLS,
                    "the convention binds its certificate by names (subjectDn, issuerDn): give the certificate"
                            + " itself (PEM), not only its x5t#S256, to have the binding judged (D-4)"));
        }
        return Optional.of(refused(
                ValidationStep.MTLS,
                "the convention requires mutual TLS but binds no certificate (serviceProvider.certificate is null,"
                        + " none uploaded that matches): nothing can match (D-4)"));
    }
}
