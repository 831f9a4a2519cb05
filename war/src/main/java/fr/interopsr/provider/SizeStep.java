package fr.interopsr.provider;

/**
 * {@link ValidationStep#SIZE}, D-13: the VI is at most the application's cap ({@code interops.provider.max-vi-bytes},
 * 16384 characters by default), checked before anything is decoded.
 */
final class SizeStep extends Step {

    private final int maxViBytes;

    /** @param maxViBytes the cap (D-13), positive */
    SizeStep(int maxViBytes) {
        super(ValidationStep.SIZE);
        this.maxViBytes = maxViBytes;
    }

    @Override
    Verdict check(ValidationContext context) {
        String vi = context.vi();
        // D-13
        if (vi.length() > maxViBytes) {
            return fail(
                    "VI of " + vi.length() + " characters, over the cap of " + maxViBytes + " (D-13)",
                    "the VI is larger than " + maxViBytes + " bytes");
        }
        return Verdict.PASS;
    }
}
