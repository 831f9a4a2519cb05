package fr.interopsr.provider;

import fr.interopsr.convention.document.SignatureAlgorithm;
import java.util.List;

/**
 * {@link ValidationStep#ALGORITHM}, Interops-R §3.5.2 step 14 (IR-9): the header's {@code alg} is one of the
 * convention's {@code identityProvider.signatureAlgorithms}. Checked before the signature: a VI signed correctly with
 * an algorithm the convention does not list fails here.
 */
final class AlgorithmStep extends Step {

    AlgorithmStep() {
        super(ValidationStep.ALGORITHM);
    }

    @Override
    Verdict check(ValidationContext context) {
        // step 14
        String alg = context.jws.algorithm.getName();
        List<SignatureAlgorithm> allowed = context.document().identityProvider().signatureAlgorithms();
        for (SignatureAlgorithm a : allowed) {
            if (a.jsonName().equals(alg)) {
                return Verdict.PASS;
            }
        }
        return fail("alg " + alg + " is not among the convention's signature algorithms " + allowed);
    }
}
