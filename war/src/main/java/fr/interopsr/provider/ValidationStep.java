package fr.interopsr.provider;

import java.util.Locale;

/**
 * The checks a VI goes through at the data provider, in the order {@link ViValidator} runs them and stops at the
 * first failure: the 15 steps of Interops-R §3.5.2 ({@link #irStep()} 1..15) plus the product's own checks —
 * {@link #TRANSPORT} (IR-7), {@link #SIZE} (D-13), {@link #ORIGIN} (D-2) and {@link #MTLS} (D-4) right after step 7,
 * {@link #CNF} (RFC 8705 §3, an extension beyond Interops-R 1.0) right after step 15, then {@link #REVOKED} (issue
 * 17), and {@link #REPLAY} (IR-11) last. Introspection runs {@link IntrospectionTargetStep} under
 * {@link #TARGET_SERVICE}, and neither origin, mTLS, {@link #CNF} nor {@link #REPLAY}. {@link #traceName()} is the
 * step as traces name it.
 */
public enum ValidationStep {
    /** IR-7: the VI only in {@code Authorization: Bearer}; in the query, the body, or twice: invalid_request. */
    TRANSPORT(0, BearerError.INVALID_REQUEST),
    /** D-13: the VI is longer than the application's cap (default 16 KiB). */
    SIZE(0, BearerError.INVALID_TOKEN),
    /** Step 1: exactly two {@code .}, only the b64token characters of IR-7. */
    STRUCTURE(1, BearerError.INVALID_TOKEN),
    /** Step 2: the JOSE header is base64url. */
    HEADER_DECODE(2, BearerError.INVALID_TOKEN),
    /** Step 3: the header is a UTF-8 JSON object without duplicate members. */
    HEADER_JSON(3, BearerError.INVALID_TOKEN),
    /** Step 4: {@code alg} asymmetric (D-9), {@code typ} JWT if present, no {@code crit}, {@code kid} a string. */
    HEADER_MEMBERS(4, BearerError.INVALID_TOKEN),
    /** Step 5: the payload is base64url. */
    PAYLOAD_DECODE(5, BearerError.INVALID_TOKEN),
    /** Step 6: the payload is a UTF-8 JSON object without duplicate members. */
    PAYLOAD_JSON(6, BearerError.INVALID_TOKEN),
    /** Step 7: one active convention for the VI's {@code iss}, {@code aud}, {@code azp}, {@code ver}. */
    CONVENTION(7, BearerError.INVALID_TOKEN),
    /** D-2: the convention lists the SP's source addresses and the call comes from another. */
    ORIGIN(0, BearerError.INVALID_TOKEN),
    /** D-4: the convention wants mutual TLS and no client certificate matches its binding. */
    MTLS(0, BearerError.INVALID_TOKEN),
    /**
     * Step 8: {@code azp} is a service of this data provider. At introspection (issue 17) its place is taken by
     * {@link IntrospectionTargetStep}: {@code azp} is the convention's own service, whose introspection certificate
     * the caller presented.
     */
    TARGET_SERVICE(8, BearerError.INVALID_TOKEN),

    /** Step 9: the scopes all belong to the convention found (none to another convention). */
    SCOPES_ONE_CONVENTION(9, BearerError.INVALID_TOKEN),
    /** Step 10: {@code exp}, {@code nbf} (and {@code iat}) hold with the convention's allowed clock skew. */
    TIME(10, BearerError.INVALID_TOKEN),
    /** Step 11: a VI about a user has an {@code acr} that meets the convention's required level. */
    ACR(11, BearerError.INVALID_TOKEN),
    /** Step 12: the scopes are allowed by the convention. */
    SCOPES_ALLOWED(12, BearerError.INVALID_TOKEN),
    /** Step 13: {@code env} is the convention's environment. */
    ENVIRONMENT(13, BearerError.INVALID_TOKEN),
    /** Step 14: {@code alg} is one of the convention's signature algorithms. */
    ALGORITHM(14, BearerError.INVALID_TOKEN),
    /** Step 15: the signature verifies with the convention's key ({@code kid} picks among several). */
    SIGNATURE(15, BearerError.INVALID_TOKEN),
    /**
     * RFC 8705 §3 (P-44): a VI with {@code cnf} comes with the client certificate whose {@code x5t#S256} it names,
     * whatever the convention says; under a convention with {@code certificateBoundVi} a VI without {@code cnf} is
     * refused.
     */
    CNF(0, BearerError.INVALID_TOKEN),
    /**
     * Issue 17 (RFC 7009), right after the certificate binding: the VI, its client or its convention was revoked (P-47); also asked
     * of a cached validation.
     */
    REVOKED(0, BearerError.INVALID_TOKEN),
    /** IR-11: a single-use convention's VI presented again. */
    REPLAY(0, BearerError.INVALID_TOKEN);

    private final int irStep;
    private final BearerError error;

    ValidationStep(int irStep, BearerError error) {
        this.irStep = irStep;
        this.error = error;
    }

    /** The step number of Interops-R §3.5.2, or 0 for a check the product adds. */
    public int irStep() {
        return irStep;
    }

    /** The Bearer error a failure at this step answers with (IR-8). */
    public BearerError error() {
        return error;
    }

    /**
     * Whether the caller may learn why the VI failed here (D-12): true for the steps before the convention is looked
     * up (transport, size, steps 1-6); from step 7 on the answer is generic so that nothing about conventions leaks.
     */
    public boolean disclosed() {
        return ordinal() < CONVENTION.ordinal();
    }

    /** The name traces use, e.g. {@code origin}, {@code mtls}, {@code scopes_one_convention}, {@code cnf}. */
    public String traceName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
