package fr.interopsr.provider;

/**
 * {@link ValidationStep#TRANSPORT}, IR-7 and IR-8: the VI travels once, in {@code Authorization: Bearer} only. What
 * the HTTP layer saw is already judged in the {@link ViRequest} ({@link ViRequest#fromHttp}); this step refuses a
 * transport failure with {@code invalid_request}, and a request with no VI at all with {@link Verdict#NO_VI} (IR-8:
 * a challenge without {@code error}).
 */
final class TransportStep extends Step {

    TransportStep() {
        super(ValidationStep.TRANSPORT);
    }

    @Override
    Verdict check(ValidationContext context) {
        ViRequest request = context.request;
        if (request == null) {
            return fail("no request", "no VI");
        }
        // IR-7
        if (request.transportFailure() != null) {
            return fail(request.transportFailure(), "the VI must be sent once, in Authorization: Bearer only");
        }
        if (request.vi() == null) {
            return Verdict.NO_VI;
        }
        return Verdict.PASS;
    }
}
