package fr.interopsr.provider;

import com.nimbusds.jose.JWSAlgorithm;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.ConventionDocument;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the steps of one validation established so far, in the order they establish it: each {@link Step} reads what
 * the steps before it left here and may add to it. One per call to {@link ViValidator#validate}, never shared
 * between threads. The fields a step has not reached yet are null.
 * <p>
 * {@link #facts} and {@link #convention} are what a refusal's trace records (IR-19), however far the VI got.
 */
final class ValidationContext {

    /** The call; null only when the caller passed none ({@link TransportStep} refuses it). */
    final ViRequest request;

    /** Step 1 ({@link StructureStep}): the three segments of the compact form. */
    String headerSegment;

    String payloadSegment;
    String signatureSegment;

    /** Step 2 ({@link HeaderDecodeStep}): the header's bytes. */
    byte[] headerBytes;

    /** Step 3 ({@link HeaderJsonStep}): the JOSE header. */
    JsonObject header;

    /** Step 4 ({@link HeaderMembersStep}): the header's {@code alg} (one of D-9) and {@code kid} (or null). */
    JWSAlgorithm algorithm;

    String keyId;

    /** Step 5 ({@link PayloadDecodeStep}): the JWS taken apart, its payload decoded. */
    CompactJws jws;

    /** Step 6 ({@link PayloadJsonStep}): the claims, not yet verified. */
    JsonObject claims;

    /** Step 6: {@code jti}, {@code iss}, {@code aud}, {@code azp} for the trace (IR-19). */
    ValidationResult.Facts facts = ValidationResult.Facts.NONE;

    /** Step 7 ({@link ConventionStep}): the convention index of this call (D-16) and the one convention found. */
    ConventionIndex index;

    Convention convention;

    /** Step 9 ({@link ScopesOneConventionStep}): the scopes of {@code scp}, in order, without repeats. */
    List<String> scopes;

    /** Step 10 ({@link TimeStep}): {@code iat}, and the convention's clock skew in seconds. */
    BigDecimal issuedAt;

    BigDecimal skewSeconds;

    /** Step 10: until when the VI may be accepted ({@code exp} + skew), how long the replay guard keeps it. */
    Instant acceptedUntil;

    /** Step 15 ({@link SignatureStep}): the {@code kid} of the key that verified the signature (possibly null). */
    String verifiedKeyId;

    ValidationContext(ViRequest request) {
        this.request = request;
    }

    /** The compact VI of the call (non-null once {@link TransportStep} passed). */
    String vi() {
        return request.vi();
    }

    /** The time the checks are made at. */
    Instant now() {
        return request.now();
    }

    /** The document of the convention found at step 7. */
    ConventionDocument document() {
        return convention.document();
    }
}
