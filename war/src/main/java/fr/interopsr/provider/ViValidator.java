package fr.interopsr.provider;

import com.nimbusds.jose.jwk.JWKSet;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Validates a VI at the data provider: Interops-R §3.5.2 steps 1-15 in order, with the product's checks around them
 * (IR-7 transport, D-13 size, D-2 origin and D-4 mutual TLS right after step 7, the RFC 8705 certificate binding
 * right after step 15, then revocation (issue 17), IR-11 single use last), stopping at
 * the first failure ({@link ValidationStep}). Each check is one {@link Step} class; {@link #steps()} lists them in the
 * standard's order, built once per validator, and each call runs them over its own {@link ValidationContext}. Plain Java: the container gives it the convention index (D-16: the
 * current one at each call), this deployment's own issuer and public keys (a convention whose issuer is ours verifies
 * with them, D-7), the service ids it serves (step 8), the size cap (D-13) and the {@link ReplayGuard}.
 * <p>
 * {@link #validate} never throws: any input, however malformed, gives a {@link ValidationResult}.
 * <p>
 * Product readings of the steps (the trace names them exactly):
 * <ul>
 * <li>step 7 also requires {@code jti} (IR-10, IR-19: 1..128 printable US-ASCII characters), {@code sub} a string
 * when present, and {@code aud} a string (one SP id, IR-10);</li>
 * <li>step 9 parses {@code scp} (IR-1, IR-16) and refuses a scope that belongs to another active convention; step 12
 * refuses one that the convention does not list;</li>
 * <li>step 10 also refuses an {@code iat} beyond the skew in the future and a lifetime {@code exp - iat} longer than
 * the convention's (IR-4) plus the skew (which also bounds how long the replay guard keeps a VI);</li>
 * <li>step 11 refuses an {@code acr} that is not an eIDAS level and an {@code auth_time} outside
 * {@code [0, iat + skew]};</li>
 * <li>step 15 never uses keys from the header ({@code jwk}, {@code jku}, {@code x5c}, {@code x5u}).</li>
 * </ul>
 */
public final class ViValidator {

    /** Default cap on the VI's length (D-13). */
    public static final int DEFAULT_MAX_VI_BYTES = 16 * 1024;

    /** The checks in the order of {@link ValidationStep}: the first failure decides. */
    private final List<Step> steps;

    /** Step 15, also asked for the trace's sake when a later-than-7 check refused the VI (issue 14). */
    private final SignatureStep signature;

    /**
     * A validator of the API without revocations (what the unit tests of the 15 steps use).
     *
     * @param conventions the current convention index, asked once per call (D-16)
     * @param ownIssuer   this deployment's issuer ({@code identityProvider.issuer} of its conventions); null if none
     * @param ownKeys     this deployment's public JWK Set at an instant (e.g. {@code signingKeys::publicJwkSet})
     * @param serviceIds  the {@code dataProvider.serviceId}s this data provider serves (step 8)
     * @param maxViBytes  the cap on the VI (D-13), e.g. {@link #DEFAULT_MAX_VI_BYTES}
     * @param replayGuard single use (IR-11), asked only for single-use conventions
     */
    public ViValidator(
            Supplier<ConventionIndex> conventions,
            String ownIssuer,
            Function<Instant, JWKSet> ownKeys,
            Set<String> serviceIds,
            int maxViBytes,
            ReplayGuard replayGuard) {
        this(conventions, ownIssuer, ownKeys, serviceIds, maxViBytes, replayGuard, () -> RevocationList.EMPTY);
    }

    /**
     * The validator of the API ({@code /api/}).
     *
     * @param conventions the current convention index, asked once per call (D-16)
     * @param ownIssuer   this deployment's issuer ({@code identityProvider.issuer} of its conventions); null if none
     * @param ownKeys     this deployment's public JWK Set at an instant (e.g. {@code signingKeys::publicJwkSet})
     * @param serviceIds  the {@code dataProvider.serviceId}s this data provider serves (step 8)
     * @param maxViBytes  the cap on the VI (D-13), e.g. {@link #DEFAULT_MAX_VI_BYTES}
     * @param replayGuard single use (IR-11), asked only for single-use conventions
     * @param revocations the revocations in force (issue 17), asked at each call
     */
    public ViValidator(
            Supplier<ConventionIndex> conventions,
            String ownIssuer,
            Function<Instant, JWKSet> ownKeys,
            Set<String> serviceIds,
            int maxViBytes,
            ReplayGuard replayGuard,
            Supplier<RevocationList> revocations) {
        Objects.requireNonNull(conventions, "conventions");
        if (maxViBytes < 1) {
            throw new IllegalArgumentException("maxViBytes must be positive");
        }
        Objects.requireNonNull(replayGuard, "replayGuard");
        this.signature = new SignatureStep(ownIssuer, ownKeys);
        this.steps = List.of(
                new TransportStep(), // IR-7
                new SizeStep(maxViBytes), // D-13
                new StructureStep(), // step 1
                new HeaderDecodeStep(), // step 2
                new HeaderJsonStep(maxViBytes), // step 3
                new HeaderMembersStep(), // step 4
                new PayloadDecodeStep(), // step 5
                new PayloadJsonStep(maxViBytes), // step 6
                new ConventionStep(conventions), // step 7
                new OriginStep(), // D-2
                new MutualTlsStep(), // D-4
                new TargetServiceStep(serviceIds), // step 8
                new ScopesOneConventionStep(), // step 9
                new TimeStep(), // step 10
                new AcrStep(), // step 11
                new ScopesAllowedStep(), // step 12
                new EnvironmentStep(), // step 13
                new AlgorithmStep(), // step 14
                signature, // step 15
                new CertificateBoundStep(), // RFC 8705 §3
                new RevocationStep(revocations), // issue 17
                new ReplayStep(replayGuard)); // IR-11
    }

    private ViValidator(List<Step> steps, SignatureStep signature) {
        this.steps = List.copyOf(steps);
        this.signature = signature;
    }

    /**
     * The validator of the introspection endpoint (issue 17, RFC 7662): the same checks as the API's except that
     * step 8 is {@link IntrospectionTargetStep} (the VI is one this server issued, D-7, under a convention whose
     * {@code dataProvider.introspectionCertificate} the caller presented, and {@code azp} is that convention's
     * service), and there is no origin, mTLS or single-use check (no original call; single use is reported by the
     * endpoint, never used up). The caller's validated certificate travels as the {@link ViRequest}'s.
     *
     * @param conventions the current convention index, asked once per call (D-16)
     * @param ownIssuer   this deployment's issuer
     * @param ownKeys     this deployment's public JWK Set at an instant
     * @param maxViBytes  the cap on the VI (D-13)
     * @param revocations the revocations in force, asked at each call
     */
    public static ViValidator forIntrospection(
            Supplier<ConventionIndex> conventions,
            String ownIssuer,
            Function<Instant, JWKSet> ownKeys,
            int maxViBytes,
            Supplier<RevocationList> revocations) {
        return forIntrospection(conventions, ownIssuer, ownKeys, maxViBytes, revocations, id -> Set.of());
    }

    /**
     * The validator of the introspection endpoint, with the introspection certificates uploaded through the
     * administration ({@code uploaded}: their SHA-256s by convention id).
     */
    public static ViValidator forIntrospection(
            Supplier<ConventionIndex> conventions,
            String ownIssuer,
            Function<Instant, JWKSet> ownKeys,
            int maxViBytes,
            Supplier<RevocationList> revocations,
            Function<String, Set<String>> uploaded) {
        Objects.requireNonNull(conventions, "conventions");
        if (maxViBytes < 1) {
            throw new IllegalArgumentException("maxViBytes must be positive");
        }
        SignatureStep signature = new SignatureStep(ownIssuer, ownKeys);
        return new ViValidator(
                List.of(
                        new TransportStep(), // IR-7 (the token parameter, read by the endpoint)
                        new SizeStep(maxViBytes), // D-13
                        new StructureStep(), // step 1
                        new HeaderDecodeStep(), // step 2
                        new HeaderJsonStep(maxViBytes), // step 3
                        new HeaderMembersStep(), // step 4
                        new PayloadDecodeStep(), // step 5
                        new PayloadJsonStep(maxViBytes), // step 6
                        new ConventionStep(conventions), // step 7
                        new IntrospectionTargetStep(ownIssuer, true, uploaded), // instead of step 8 (issue 17)
                        new ScopesOneConventionStep(), // step 9
                        new TimeStep(), // step 10
                        new AcrStep(), // step 11
                        new ScopesAllowedStep(), // step 12
                        new EnvironmentStep(), // step 13
                        new AlgorithmStep(), // step 14
                        signature, // step 15
                        new RevocationStep(revocations)), // issue 17
                signature);
    }

    /**
     * The check of a token a client asks to revoke (issue 17, RFC 7009): steps 1-7, the VI is one of this server
     * (D-7, {@link IntrospectionTargetStep} without the caller's certificate), not expired (step 10), its algorithm
     * (step 14) and signature (step 15) with this server's keys. Scopes, level and environment do not matter to a
     * revocation; the endpoint checks that the VI was issued to the client that asks.
     */
    public static ViValidator forRevocation(
            Supplier<ConventionIndex> conventions,
            String ownIssuer,
            Function<Instant, JWKSet> ownKeys,
            int maxViBytes) {
        Objects.requireNonNull(conventions, "conventions");
        SignatureStep signature = new SignatureStep(ownIssuer, ownKeys);
        return new ViValidator(
                List.of(
                        new TransportStep(),
                        new SizeStep(maxViBytes),
                        new StructureStep(),
                        new HeaderDecodeStep(),
                        new HeaderJsonStep(maxViBytes),
                        new HeaderMembersStep(),
                        new PayloadDecodeStep(),
                        new PayloadJsonStep(maxViBytes),
                        new ConventionStep(conventions),
                        new IntrospectionTargetStep(ownIssuer, false),
                        new TimeStep(),
                        new AlgorithmStep(),
                        signature),
                signature);
    }

    /** Runs every check in order; the first failure decides. Never throws. */
    public ValidationResult validate(ViRequest request) {
        ValidationContext context = new ValidationContext(request);
        ValidationStep reached = ValidationStep.TRANSPORT;
        try {
            for (Step step : steps) {
                reached = step.step();
                if (step.check(context) instanceof Verdict.Failure failure) {
                    return failure.viMissing()
                            ? ValidationResult.missing()
                            : ValidationResult.failure(
                                    failure.step(),
                                    failure.detail(),
                                    failure.publicReason(),
                                    context.facts,
                                    context.convention,
                                    signatureForTrace(failure.step(), context));
                }
            }
            return ValidationResult.success(
                    context.facts,
                    context.convention,
                    context.claims,
                    context.scopes,
                    context.jws.algorithm.getName(),
                    context.verifiedKeyId);
        } catch (RuntimeException | StackOverflowError e) {
            return ValidationResult.failure(
                    reached,
                    "unexpected " + e.getClass().getName() + " (" + e.getMessage() + ")",
                    null,
                    context.facts,
                    context.convention);
        }
    }

    /**
     * Whether the refused VI's signature verifies with its convention's keys, which decides how much of it the trace
     * keeps (issue 14: whole when genuine, else its SHA-256 and first 1 KiB). Refused after step 15 (single use): it
     * did. Refused by a check after step 7 other than step 15 (origin, mTLS, steps 8-14): step 15 is run once more,
     * for the trace only; the answer, the failed step and the detail stay those of the refusal. Any other refusal:
     * not verified. Costs a signature check only for VIs refused after step 7.
     */
    private boolean signatureForTrace(ValidationStep failed, ValidationContext context) {
        if (failed.ordinal() > ValidationStep.SIGNATURE.ordinal()) {
            return true;
        }
        if (failed == ValidationStep.SIGNATURE
                || failed.ordinal() <= ValidationStep.CONVENTION.ordinal()
                || context.convention == null
                || context.jws == null) {
            return false;
        }
        try {
            return signature.verifiesForTrace(context);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The checks, in the order they run (one per {@link ValidationStep}). */
    List<Step> steps() {
        return steps;
    }
}
