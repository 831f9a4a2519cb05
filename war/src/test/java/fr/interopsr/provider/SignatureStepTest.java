package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.OWN_ISSUER;
import static fr.interopsr.provider.Fixtures.ec;
import static fr.interopsr.provider.Fixtures.rsa;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.jws;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import fr.interopsr.convention.Convention;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureStepTest {

    private final ECKey k1 = ec("k1");
    private final ECKey k2 = ec("k2");
    private final RSAKey r1 = rsa("r1");
    private final ConventionSpec spec = new ConventionSpec("conv-k", "https://idp-k.test.example/")
            .keys(k1, r1, k2)
            .algorithms("ES256", "RS256");
    private final Convention convention = spec.convention();
    private final SignatureStep step = new SignatureStep(OWN_ISSUER, now -> new JWKSet());

    private ValidationContext vi(String compact) {
        return vi(convention, compact);
    }

    private static ValidationContext vi(Convention convention, String compact) {
        ValidationContext c = found(convention, new Fixtures.ViSpec());
        c.jws = jws(compact);
        return c;
    }

    @Test
    void kidPicksTheConventionsKey() {
        ValidationContext c = vi(spec.vi().signedWith(k2));
        passes(step, c);
        assertEquals("k2", c.verifiedKeyId);
        ValidationContext rsaSigned = vi(spec.vi().signedWith(r1));
        passes(step, rsaSigned);
        assertEquals("r1", rsaSigned.verifiedKeyId);
    }

    @Test
    void withoutKidEachKeyThatFitsIsTried() {
        ValidationContext c = vi(spec.vi().noKid().signedWith(k2));
        passes(step, c);
        assertEquals("k2", c.verifiedKeyId);
    }

    @Test
    void aKidNotInTheSetIsRefusedWhateverTheOtherKeys() {
        fails(
                step,
                vi(spec.vi().noKid().header("kid", "nope").signedWith(k1)),
                "kid \"nope\" is not in the key set (keys of convention conv-k)");
    }

    @Test
    void aKidOfAKeyThatDoesNotFitTheAlgorithmIsRefused() {
        fails(
                step,
                vi(spec.vi().noKid().header("kid", "r1").signedWith(k1)),
                "no key with kid \"r1\" fits ES256 (type, curve, use, key_ops, alg)");
        ConventionSpec rsaOnly = new ConventionSpec("conv-r", "https://idp-r.test.example/")
                .keys(r1)
                .algorithms("ES256", "RS256");
        fails(step, vi(rsaOnly.convention(), rsaOnly.vi().noKid().signedWith(k1)), "no key fits ES256");
    }

    @Test
    void aSignatureThatDoesNotVerifyIsRefused() {
        fails(
                step,
                vi(spec.vi().noKid().header("kid", "k1").signedWith(k2)),
                "the ES256 signature does not verify with 1 candidate key(s) (keys of convention conv-k)");
        fails(step, vi(spec.vi().noKid().signedWith(ec("x"))), "does not verify with 2 candidate key(s)");
        // a genuine signature over another payload
        String[] signed = spec.vi().signedWith(k1).split("\\.");
        String[] other = spec.vi().signedWith(k1).split("\\.");
        fails(step, vi(signed[0] + "." + other[1] + "." + signed[2]), "does not verify");
    }

    @Test
    void aSignatureThatIsNotStrictBase64urlIsRefused() {
        String[] parts = spec.vi().signedWith(k1).split("\\.");
        fails(step, vi(parts[0] + "." + parts[1] + "." + parts[2] + "=="), "the signature is not strict base64url");
    }

    @Test
    void keysInTheHeaderAreNeverUsed() {
        ECKey attacker = ec("att");
        String vi = spec.vi()
                .noKid()
                .header("jwk", StepTesting.json(attacker.toPublicJWK().toJSONString()))
                .signedWith(attacker);
        fails(step, vi(vi), "does not verify");
    }

    @Test
    void ourOwnIssuerVerifiesWithOurOwnKeysAtTheTimeOfTheCall() {
        ECKey own = ec("own-1");
        List<Instant> asked = new ArrayList<>();
        SignatureStep ours = new SignatureStep(OWN_ISSUER, now -> {
            asked.add(now);
            return new JWKSet(own.toPublicJWK());
        });
        ConventionSpec ownSpec = new ConventionSpec("own-conv", OWN_ISSUER);
        Convention ownConvention = ownSpec.convention();
        ValidationContext c = vi(ownConvention, ownSpec.vi().signedWith(own));
        passes(ours, c);
        assertEquals("own-1", c.verifiedKeyId);
        assertEquals(List.of(Fixtures.NOW), asked);
        fails(ours, vi(ownConvention, ownSpec.vi().signedWith(ec("own-1"))), "(this deployment's own keys)");
        // and our keys do not verify a foreign issuer's VIs
        fails(ours, vi(spec.vi().noKid().signedWith(own)), "(keys of convention conv-k)");
    }

    @Test
    void ownKeysThatCannotBeReadRefuse() {
        SignatureStep broken = new SignatureStep(OWN_ISSUER, now -> {
            throw new IllegalStateException("key store down");
        });
        ConventionSpec ownSpec = new ConventionSpec("own-conv", OWN_ISSUER);
        fails(
                broken,
                vi(ownSpec.convention(), ownSpec.vi().signedWith(k1)),
                "the convention's keys cannot be read: key store down");
        SignatureStep none = new SignatureStep(OWN_ISSUER, now -> null);
        fails(none, vi(ownSpec.convention(), ownSpec.vi().signedWith(k1)), "kid \"k1\" is not in the key set");
        SignatureStep noIssuer = new SignatureStep(null, null);
        passes(noIssuer, vi(spec.vi().signedWith(k1)));
    }

    @Test
    void eachRevisionVerifiesWithItsOwnKeys() {
        ConventionSpec revised = new ConventionSpec("conv-k", "https://idp-k.test.example/").keys(k2);
        Convention revision1 = new ConventionSpec("conv-k", "https://idp-k.test.example/")
                .keys(k1)
                .convention(1);
        Convention revision2 = revised.convention(2);
        String byK2 = revised.vi().noKid().signedWith(k2);
        fails(step, vi(revision1, byK2), "does not verify");
        passes(step, vi(revision2, byK2));
        fails(step, vi(revision1, byK2), "does not verify");
    }

    @Test
    void verifyAloneUsesOnlyTheKeysItIsGiven() {
        String vi = spec.vi().signedWith(k1);
        SignatureStep.Outcome ok = SignatureStep.verify(jws(vi), new JWKSet(k1.toPublicJWK()), new SignatureCheck());
        assertEquals(true, ok.verified());
        assertEquals("k1", ok.keyId());
        SignatureStep.Outcome none = SignatureStep.verify(jws(vi), new JWKSet(), new SignatureCheck());
        assertEquals(false, none.verified());
        assertNull(none.keyId());
    }
}
