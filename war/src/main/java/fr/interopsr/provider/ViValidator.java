package fr.interopsr.provider;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.AuthenticationLevel;
import fr.interopsr.convention.document.CertificateBindingTerms;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.SignatureAlgorithm;
import fr.interopsr.json.StrictJson;
import fr.interopsr.json.StrictJsonResult;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.platform.IpAddresses;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Validates a VI at the data provider: Interops-R §3.5.2 steps 1-15 in order, with the product's checks around them
 * (IR-7 transport, D-13 size, D-2 origin and D-4 mutual TLS right after step 7, IR-11 single use last), stopping at
 * the first failure ({@link ValidationStep}). Plain Java: the container gives it the convention index (D-16: the
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

    private final Supplier<ConventionIndex> conventions;
    private final String ownIssuer;
    private final Function<Instant, JWKSet> ownKeys;
    private final Set<String> serviceIds;
    private final int maxViBytes;
    private final ReplayGuard replayGuard;
    private final SignatureCheck signatureCheck = new SignatureCheck();
    /**
     * Each convention revision's JWK Set, parsed once: revisions are immutable (D-14), so the key
     * (id, revision) never goes stale; bounded by clearing when it grows past the limit.
     */
    private final java.util.Map<String, JWKSet> conventionKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int CONVENTION_KEYS_LIMIT = 20_000;

    /**
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
        this.conventions = Objects.requireNonNull(conventions, "conventions");
        this.ownIssuer = ownIssuer;
        this.ownKeys = ownKeys == null ? now -> new JWKSet() : ownKeys;
        this.serviceIds = Set.copyOf(serviceIds);
        if (maxViBytes < 1) {
            throw new IllegalArgumentException("maxViBytes must be positive");
        }
        this.maxViBytes = maxViBytes;
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    }

    /** Runs every check in order; the first failure decides. Never throws. */
    public ValidationResult validate(ViRequest request) {
        Run run = new Run(request);
        try {
            return run.validate();
        } catch (RuntimeException | StackOverflowError e) {
            return run.fail(run.step, "unexpected " + e.getClass().getName() + " (" + e.getMessage() + ")", null);
        }
    }

    /** One validation: the step reached and what was learned so far. */
    private JWKSet conventionKeys(Convention convention) {
        if (conventionKeys.size() > CONVENTION_KEYS_LIMIT) {
            conventionKeys.clear();
        }
        return conventionKeys.computeIfAbsent(
                convention.id() + "#" + convention.revision(),
                k -> convention.document().identityProvider().jwkSet().orElse(new JWKSet()));
    }

    private final class Run {
        private final ViRequest request;
        private ValidationStep step = ValidationStep.TRANSPORT;
        private ValidationResult.Facts facts = ValidationResult.Facts.NONE;
        private Convention convention;

        Run(ViRequest request) {
            this.request = request;
        }

        ValidationResult fail(ValidationStep at, String detail, String publicReason) {
            return ValidationResult.failure(at, detail, publicReason, facts, convention);
        }

        ValidationResult validate() {
            if (request == null) {
                return fail(ValidationStep.TRANSPORT, "no request", "no VI");
            }
            // IR-7
            if (request.transportFailure() != null) {
                return fail(
                        ValidationStep.TRANSPORT,
                        request.transportFailure(),
                        "the VI must be sent once, in Authorization: Bearer only");
            }
            if (request.vi() == null) {
                return ValidationResult.missing();
            }
            String vi = request.vi();
            Instant now = request.now();

            // D-13
            step = ValidationStep.SIZE;
            if (vi.length() > maxViBytes) {
                return fail(
                        step,
                        "VI of " + vi.length() + " characters, over the cap of " + maxViBytes + " (D-13)",
                        "the VI is larger than " + maxViBytes + " bytes");
            }

            // steps 1-5
            step = ValidationStep.STRUCTURE;
            CompactJws.Parsed parsed = CompactJws.parse(vi, maxViBytes);
            if (!parsed.ok()) {
                CompactJws.Refusal r = parsed.refusal();
                return fail(r.step(), r.detail(), r.publicReason());
            }
            CompactJws jws = parsed.jws();

            // step 6
            step = ValidationStep.PAYLOAD_JSON;
            StrictJsonResult<JsonObject> payloadJson = StrictJson.parseObject(jws.payload, maxViBytes);
            if (!payloadJson.isSuccess()) {
                return fail(
                        step,
                        "payload: " + payloadJson.describe(),
                        "the VI's payload is not "
                                + CompactJws.jsonProblem(payloadJson.error().orElseThrow()));
            }
            JsonObject claims = payloadJson.value().orElseThrow();
            facts = new ValidationResult.Facts(
                    bounded(string(claims, "jti"), MAX_JTI),
                    bounded(string(claims, "iss"), MAX_URI),
                    bounded(string(claims, "aud"), MAX_URI),
                    bounded(string(claims, "azp"), MAX_URI));

            // step 7
            step = ValidationStep.CONVENTION;
            for (String name : List.of("iss", "aud", "azp", "ver", "jti")) {
                JsonValue v = claims.get(name);
                if (!(v instanceof JsonString s) || s.getString().isEmpty()) {
                    return fail(
                            step,
                            "claim " + name + " is "
                                    + (v == null
                                            ? "missing"
                                            : v instanceof JsonString
                                                    ? "empty"
                                                    : StrictJson.typeName(v) + ", not a string")
                                    + " (IR-10)",
                            null);
                }
            }
            String jti = claims.getString("jti");
            if (jti.length() > MAX_JTI || !jti.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                return fail(
                        step,
                        "claim jti " + Shown.text(jti) + " is not 1.." + MAX_JTI
                                + " printable US-ASCII characters (IR-10: an RFC 4122 id)",
                        null);
            }
            JsonValue sub = claims.get("sub");
            if (sub != null && !(sub instanceof JsonString)) {
                return fail(step, "claim sub is " + StrictJson.typeName(sub) + ", not a string (IR-10)", null);
            }
            String iss = facts.iss();
            String aud = facts.aud();
            String azp = facts.azp();
            String ver = claims.getString("ver");
            ConventionIndex index = conventions.get();
            List<Convention> found = index == null ? List.of() : index.activeFor(iss, aud, azp, ver);
            if (found.size() != 1) {
                return fail(
                        step,
                        (found.isEmpty()
                                        ? "no active convention"
                                        : found.size() + " active conventions ("
                                                + found.stream()
                                                        .map(Convention::id)
                                                        .toList() + ")")
                                + " for iss " + Shown.text(iss) + ", aud "
                                + Shown.text(aud) + ", azp " + Shown.text(azp) + ", ver " + Shown.text(ver),
                        null);
            }
            convention = found.get(0);
            ConventionDocument doc = convention.document();

            // D-2
            step = ValidationStep.ORIGIN;
            List<String> sources = doc.serviceProvider().reverseProxyIps();
            if (!sources.isEmpty() && !IpAddresses.contains(sources, request.clientAddress())) {
                return fail(
                        step,
                        "client address " + Shown.text(request.clientAddress())
                                + " is not one of serviceProvider.reverseProxyIps " + sources + " (D-2)",
                        null);
            }

            // D-4
            step = ValidationStep.MTLS;
            if (doc.serviceProvider().mutualTls()) {
                if (request.clientCertificate() == null) {
                    return fail(
                            step,
                            "the convention requires mutual TLS and the call has no client certificate" + " (D-4)",
                            null);
                }
                // the client's bindings are the union of the document's and the uploaded certificates (D-6)
                boolean uploaded =
                        index.clientsBoundTo(request.clientCertificate()).contains(convention.clientId());
                Optional<CertificateBindingTerms> terms = doc.serviceProvider().certificate();
                if (!uploaded && terms.isEmpty()) {
                    return fail(
                            step,
                            "the convention requires mutual TLS but binds no certificate"
                                    + " (serviceProvider.certificate is null, none uploaded): nothing can match (D-4)",
                            null);
                }
                if (!uploaded) {
                    CertificateBindingTerms t = terms.get();
                    CertificateBinding binding = new CertificateBinding(
                            t.subjectDn().orElse(null),
                            t.issuerDn().orElse(null),
                            t.sha256().orElse(null));
                    if (!binding.matches(request.clientCertificate())) {
                        return fail(
                                step,
                                "client certificate "
                                        + Shown.text(request.clientCertificate()
                                                .getSubjectX500Principal()
                                                .getName())
                                        + " does not match the convention's certificate binding " + binding + " (D-4)",
                                null);
                    }
                }
            }

            // step 8
            step = ValidationStep.TARGET_SERVICE;
            if (!serviceIds.contains(azp)) {
                return fail(
                        step, "azp " + Shown.text(azp) + " is not a service of this data provider " + serviceIds, null);
            }

            // step 9
            step = ValidationStep.SCOPES_ONE_CONVENTION;
            JsonValue scp = claims.get("scp");
            if (!(scp instanceof JsonString scpString)) {
                return fail(
                        step,
                        "claim scp is " + (scp == null ? "missing" : StrictJson.typeName(scp) + ", not a string")
                                + " (IR-10)",
                        null);
            }
            List<String> scopes = scopes(scpString.getString());
            if (scopes == null) {
                return fail(
                        step,
                        "claim scp " + Shown.text(scpString.getString())
                                + " is not space-separated scopes (IR-1, IR-16)",
                        null);
            }
            for (String scope : scopes) {
                if (doc.scopes().contains(scope)) {
                    continue;
                }
                List<String> others = index.activeWithScope(scope).stream()
                        .map(Convention::id)
                        .toList();
                if (!others.isEmpty()) {
                    return fail(
                            step,
                            "scope " + Shown.text(scope) + " belongs to convention(s) " + others + ", not to "
                                    + convention.id() + ": all scopes must belong to one convention",
                            null);
                }
            }

            // step 10
            step = ValidationStep.TIME;
            int skew = doc.dataProvider().allowedClockSkewSeconds();
            BigDecimal skewSeconds = BigDecimal.valueOf(skew);
            BigDecimal nowSeconds = BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9));
            BigDecimal exp = number(claims, "exp");
            BigDecimal iat = number(claims, "iat");
            if (exp == null || iat == null) {
                String name = exp == null ? "exp" : "iat";
                JsonValue v = claims.get(name);
                return fail(
                        step,
                        "claim " + name + " is " + (v == null ? "missing" : StrictJson.typeName(v) + ", not a number")
                                + " (IR-10)",
                        null);
            }
            BigDecimal nbf = null;
            if (claims.containsKey("nbf")) {
                nbf = number(claims, "nbf");
                if (nbf == null) {
                    return fail(
                            step, "claim nbf is " + StrictJson.typeName(claims.get("nbf")) + ", not a number", null);
                }
            }
            if (nowSeconds.compareTo(exp.add(skewSeconds)) >= 0) {
                return fail(
                        step,
                        "expired: exp " + shortNumber(exp) + " + skew " + skew + " s <= now " + now.getEpochSecond(),
                        null);
            }
            if (nbf != null && nowSeconds.compareTo(nbf.subtract(skewSeconds)) < 0) {
                return fail(
                        step,
                        "not yet valid: nbf " + shortNumber(nbf) + " - skew " + skew + " s > now "
                                + now.getEpochSecond(),
                        null);
            }
            if (iat.compareTo(nowSeconds.add(skewSeconds)) > 0) {
                return fail(
                        step,
                        "issued in the future: iat " + shortNumber(iat) + " > now " + now.getEpochSecond() + " + skew "
                                + skew + " s",
                        null);
            }
            int lifetime = doc.identityProvider().tokenLifetimeSeconds();
            if (exp.subtract(iat).compareTo(BigDecimal.valueOf((long) lifetime + skew)) > 0) {
                return fail(
                        step,
                        "lifetime exp - iat = " + shortNumber(exp.subtract(iat)) + " s exceeds the" + " convention's "
                                + lifetime + " s + skew " + skew + " s (IR-4)",
                        null);
            }
            // bounded now: now - skew < exp <= now + lifetime + 2 * skew
            Instant acceptedUntil = Instant.ofEpochSecond(
                    exp.add(skewSeconds).setScale(0, RoundingMode.CEILING).longValueExact());

            // step 11
            step = ValidationStep.ACR;
            JsonValue acr = claims.get("acr");
            JsonValue authTime = claims.get("auth_time");
            if (authTime != null && !(authTime instanceof JsonNumber)) {
                return fail(step, "claim auth_time is " + StrictJson.typeName(authTime) + ", not a number", null);
            }
            if (authTime instanceof JsonNumber at
                    && (at.bigDecimalValue().signum() < 0
                            || at.bigDecimalValue().compareTo(iat.add(skewSeconds)) > 0)) {
                return fail(
                        step,
                        "auth_time " + shortNumber(at.bigDecimalValue()) + " is not between 0 and iat + skew"
                                + " (the user authenticated before the VI was issued)",
                        null);
            }
            boolean aboutUser = acr != null || authTime != null;
            if (aboutUser) {
                Optional<AuthenticationLevel> required = doc.requiredAcr();
                AuthenticationLevel level = null;
                if (acr != null) {
                    if (!(acr instanceof JsonString acrString)) {
                        return fail(step, "claim acr is " + StrictJson.typeName(acr) + ", not a string", null);
                    }
                    level = AuthenticationLevel.fromJson(acrString.getString()).orElse(null);
                    if (level == null) {
                        return fail(
                                step,
                                "acr " + Shown.text(acrString.getString()) + " is not eidas1, eidas2 or eidas3 (IR-10)",
                                null);
                    }
                }
                if (required.isPresent()) {
                    if (level == null) {
                        return fail(
                                step,
                                "a VI about a user (auth_time) without acr; the convention requires "
                                        + required.get().jsonName(),
                                null);
                    }
                    if (!level.satisfies(required.get())) {
                        return fail(
                                step,
                                "acr " + level.jsonName() + " does not meet the convention's "
                                        + required.get().jsonName(),
                                null);
                    }
                }
            }

            // step 12
            step = ValidationStep.SCOPES_ALLOWED;
            for (String scope : scopes) {
                if (!doc.scopes().contains(scope)) {
                    return fail(
                            step,
                            "scope " + Shown.text(scope) + " is not allowed by convention " + convention.id() + " "
                                    + doc.scopes(),
                            null);
                }
            }

            // step 13
            step = ValidationStep.ENVIRONMENT;
            JsonValue env = claims.get("env");
            if (!(env instanceof JsonString envString) || !envString.getString().equals(doc.environment())) {
                return fail(
                        step,
                        "env " + Shown.json(env) + " is not the convention's environment "
                                + Shown.text(doc.environment()),
                        null);
            }

            // step 14
            step = ValidationStep.ALGORITHM;
            String alg = jws.algorithm.getName();
            if (doc.identityProvider().signatureAlgorithms().stream()
                    .map(SignatureAlgorithm::jsonName)
                    .noneMatch(alg::equals)) {
                return fail(
                        step,
                        "alg " + alg + " is not among the convention's signature algorithms "
                                + doc.identityProvider().signatureAlgorithms(),
                        null);
            }

            // step 15
            step = ValidationStep.SIGNATURE;
            JWKSet keys;
            boolean own = ownIssuer != null && ownIssuer.equals(convention.issuer());
            try {
                keys = own ? ownKeys.apply(now) : conventionKeys(convention);
            } catch (RuntimeException e) {
                return fail(step, "the convention's keys cannot be read: " + e.getMessage(), null);
            }
            SignatureOutcome signature = verifySignature(jws, keys == null ? new JWKSet() : keys, signatureCheck);
            if (!signature.verified()) {
                return fail(
                        step,
                        signature.detail()
                                + (own
                                        ? " (this deployment's own keys)"
                                        : " (keys of convention " + convention.id() + ")"),
                        null);
            }

            // IR-11
            step = ValidationStep.REPLAY;
            if (doc.singleUse()) {
                boolean first;
                try {
                    first = replayGuard.firstUse(facts.jti(), iss, acceptedUntil);
                } catch (RuntimeException e) {
                    return fail(step, "single-use store unavailable: " + e.getMessage(), null);
                }
                if (!first) {
                    return fail(
                            step,
                            "jti " + Shown.text(facts.jti()) + " of " + Shown.text(iss)
                                    + " already used; the convention is single use (IR-11)",
                            null);
                }
            }
            return ValidationResult.success(facts, convention, claims, scopes, alg, signature.keyId());
        }
    }

    /** The result of step 15: verified (with the key's kid, possibly null) or why not. */
    record SignatureOutcome(boolean verified, String keyId, String detail) {}

    /**
     * Step 15 on a parsed JWS: {@code kid} picks the key (a kid not in {@code keys} is refused, whatever other keys
     * exist); without kid every key that fits the algorithm is tried. Only keys of {@code keys} are ever used.
     */
    static SignatureOutcome verifySignature(CompactJws jws, JWKSet keys, SignatureCheck check) {
        byte[] signature = jws.signature();
        if (signature == null) {
            return new SignatureOutcome(false, null, "the signature is not strict base64url");
        }
        List<JWK> candidates = new ArrayList<>();
        for (JWK key : keys.getKeys()) {
            if (jws.keyId == null || jws.keyId.equals(key.getKeyID())) {
                candidates.add(key);
            }
        }
        if (jws.keyId != null && candidates.isEmpty()) {
            return new SignatureOutcome(false, null, "kid " + Shown.text(jws.keyId) + " is not in the key set");
        }
        candidates.removeIf(k -> !SignatureCheck.fits(jws.algorithm, k));
        if (candidates.isEmpty()) {
            return new SignatureOutcome(
                    false,
                    null,
                    "no key " + (jws.keyId == null ? "" : "with kid " + Shown.text(jws.keyId) + " ") + "fits "
                            + jws.algorithm + " (type, curve, use, key_ops, alg)");
        }
        byte[] input = jws.signingInput();
        for (JWK key : candidates) {
            if (check.verifies(jws.algorithm, key, input, signature)) {
                return new SignatureOutcome(true, key.getKeyID(), "");
            }
        }
        return new SignatureOutcome(
                false,
                null,
                "the " + jws.algorithm + " signature does not verify with " + candidates.size() + " candidate key(s)");
    }

    /** Longest {@code jti} accepted (RFC 4122 URNs are 45 characters; the trace column holds 128). */
    static final int MAX_JTI = 128;
    /** Longest {@code iss}, {@code aud}, {@code azp} kept in {@link ValidationResult.Facts} (trace columns). */
    static final int MAX_URI = 512;

    private static String bounded(String s, int max) {
        return s != null && s.length() <= max ? s : null;
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static BigDecimal number(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? n.bigDecimalValue() : null;
    }

    private static String shortNumber(BigDecimal n) {
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Space-separated IR-16 scopes (one space between, none around), in order without repeats; null if malformed. */
    static List<String> scopes(String scp) {
        if (scp.isEmpty()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String scope : scp.split(" ", -1)) {
            if (scope.isEmpty()) {
                return null;
            }
            for (int i = 0; i < scope.length(); i++) {
                char c = scope.charAt(i);
                if (c < 0x21 || c > 0x7e || c == 0x22 || c == 0x5c) {
                    return null;
                }
            }
            out.add(scope);
        }
        return List.copyOf(out);
    }
}
