package fr.interopsr.provider;

/**
 * {@link ValidationStep#PAYLOAD_DECODE}, Interops-R §3.5.2 step 5: the payload segment is strict base64url (RFC 7515
 * §2). Establishes the {@link CompactJws}: the parts the later steps and the signature (step 15) use.
 */
final class PayloadDecodeStep extends Step {

    PayloadDecodeStep() {
        super(ValidationStep.PAYLOAD_DECODE);
    }

    @Override
    Verdict check(ValidationContext context) {
        // step 5
        byte[] payload = CompactJws.decodeBase64Url(context.payloadSegment);
        if (payload == null) {
            return fail("the payload is not strict base64url (RFC 7515 §2)", "the VI's payload is not base64url");
        }
        context.jws = new CompactJws(
                context.headerSegment,
                context.payloadSegment,
                context.signatureSegment,
                context.header,
                context.algorithm,
                context.keyId,
                payload);
        return Verdict.PASS;
    }
}
