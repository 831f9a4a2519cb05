package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;

import com.nimbusds.jose.JWSAlgorithm;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import org.junit.jupiter.api.Test;

class AlgorithmStepTest {

    private final AlgorithmStep step = new AlgorithmStep();

    private static ValidationContext signedWith(ConventionSpec spec, JWSAlgorithm alg) {
        ValidationContext c = found(spec.convention(), spec.vi());
        c.jws = new CompactJws("h", "p", "s", null, alg, null, new byte[0]);
        return c;
    }

    @Test
    void anAlgorithmOfTheConventionPasses() {
        ConventionSpec spec = new ConventionSpec("conv-k", "https://idp-k.test.example/").algorithms("ES256", "RS256");
        passes(step, signedWith(spec, JWSAlgorithm.ES256));
        passes(step, signedWith(spec, JWSAlgorithm.RS256));
    }

    @Test
    void anotherAlgorithmIsRefused() {
        ConventionSpec es256 = new ConventionSpec("conv-a", "https://idp-a.test.example/");
        fails(
                step,
                signedWith(es256, JWSAlgorithm.RS256),
                "alg RS256 is not among the convention's signature algorithms [");
        fails(step, signedWith(es256, JWSAlgorithm.PS256), "alg PS256");
        fails(step, signedWith(es256, JWSAlgorithm.ES384), "alg ES384");
    }
}
