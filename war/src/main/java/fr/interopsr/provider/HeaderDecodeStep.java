package fr.interopsr.provider;

/**
 * {@link ValidationStep#HEADER_DECODE}, Interops-R §3.5.2 step 2: the JOSE header segment is strict base64url (its
 * alphabet only, no padding, canonical: RFC 7515 §2). Establishes the header's bytes.
 */
final class HeaderDecodeStep extends Step {

    HeaderDecodeStep() {
        super(ValidationStep.HEADER_DECODE);
    }

    @Override
    Verdict check(ValidationContext context) {
        // step 2
        byte[] headerBytes = CompactJws.decodeBase64Url(context.headerSegment);
        if (headerBytes == null) {
            return fail("the JOSE header is not strict base64url (RFC 7515 §2)", "the JOSE header is not base64url");
        }
        context.headerBytes = headerBytes;
        return Verdict.PASS;
    }
}
