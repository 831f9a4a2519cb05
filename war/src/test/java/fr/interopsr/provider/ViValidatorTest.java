package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.NOW;
import static fr.interopsr.provider.Fixtures.OWN_ISSUER;
import static fr.interopsr.provider.Fixtures.SERVICE;
import static fr.interopsr.provider.Fixtures.b64;
import static fr.interopsr.provider.Fixtures.ec;
import static fr.interopsr.provider.Fixtures.request;
import static fr.interopsr.provider.Fixtures.rsa;
import static fr.interopsr.provider.Fixtures.sign;
import static fr.interopsr.provider.Fixtures.validator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ImpersonationPki;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import fr.interopsr.vi.IdentificationVectorIssuer;
import fr.interopsr.vi.IssuedVector;
import fr.interopsr.vi.SigningKey;
import fr.interopsr.vi.SigningKeys;
import fr.interopsr.vi.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each step of §3.5.2 and the product's own checks, each refused at exactly its step with the right code. */
class ViValidatorTest {

    private final ECKey keyA = ec("a-1");
    private final ConventionSpec specA = new ConventionSpec("conv-a", "https://idp-a.test.example/").keys(keyA);
    private final Convention a = specA.convention(3);

    private static void refusedAt(ValidationStep step, ValidationResult r) {
        assertFalse(r.valid(), () -> "expected a refusal at " + step + ", got " + r);
        assertEquals(step, r.failedStep().orElseThrow(), r::toString);
        assertEquals(
                step == ValidationStep.TRANSPORT ? BearerError.INVALID_REQUEST : BearerError.INVALID_TOKEN,
                r.error().orElseThrow(),
                r::toString);
        assertFalse(r.detail().isEmpty());
        assertTrue(r.claims().isEmpty(), "no unverified claims are handed out");
        if (step.ordinal() >= ValidationStep.CONVENTION.ordinal()) {
            assertEquals(ValidationResult.GENERIC_DESCRIPTION, r.publicDescription(), "D-12");
        } else {
            assertFalse(r.publicDescription().equals(ValidationResult.GENERIC_DESCRIPTION));
        }
    }

    private ValidationResult check(String vi) {
        return validator(List.of(a)).validate(request(vi));
    }

    // --- end to end

    @Test
    void acceptsAValidViWithItsClaimsScopesAndConvention() {
        String vi = specA.vi()
                .claim("scp", "urn:test:conv-a:1.0:read urn:test:conv-a:1.0:write")
                .claim("organisation", Json.createObjectBuilder().add("n", 1).build())
                .signedWith(keyA);
        ValidationResult r = check(vi);
        assertTrue(r.valid(), r::toString);
        assertTrue(r.failedStep().isEmpty());
        assertTrue(r.error().isEmpty());
        assertEquals("conv-a", r.conventionId().orElseThrow());
        assertEquals(3, r.conventionRevision().orElseThrow());
        assertEquals(List.of("urn:test:conv-a:1.0:read", "urn:test:conv-a:1.0:write"), r.scopes());
        assertEquals("https://idp-a.test.example/", r.claims().getString("iss"));
        assertEquals(1, r.claims().getJsonObject("organisation").getInt("n"));
        assertEquals("https://idp-a.test.example/", r.issuer().orElseThrow());
        assertEquals(specA.spId, r.audience().orElseThrow());
        assertTrue(r.jti().orElseThrow().startsWith("uuid:"));
        assertEquals("ES256", r.algorithm().orElseThrow());
        assertEquals("a-1", r.keyId().orElseThrow());
        assertEquals("", r.detail());
    }

    @Test
    void acceptsVisOfTwoIssuersEachWithItsOwnKeys() {
        RSAKey keyB = rsa("b-1");
        ConventionSpec specB = new ConventionSpec("conv-b", "https://idp-b.test.example/b")
                .keys(keyB)
                .algorithms("RS256", "ES256");
        Convention b = specB.convention();
        ViValidator v = validator(List.of(a, b));
        ValidationResult ra = v.validate(request(specA.vi().signedWith(keyA)));
        ValidationResult rb = v.validate(request(specB.vi().signedWith(keyB)));
        assertTrue(ra.valid(), ra::toString);
        assertTrue(rb.valid(), rb::toString);
        assertEquals("conv-a", ra.conventionId().orElseThrow());
        assertEquals("conv-b", rb.conventionId().orElseThrow());
        assertEquals("RS256", rb.algorithm().orElseThrow());
        // each issuer's key is only good for its own conventions
        refusedAt(
                ValidationStep.SIGNATURE, v.validate(request(specA.vi().noKid().signedWith(ec("x")))));
    }

    @Test
    void ourOwnIssuerVerifiesWithOurOwnKeysFromTheRealIssuer() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        SigningKey key = TestKeys.signingKey("own", pair, NOW.minusSeconds(3600), NOW.plusSeconds(86_400));
        SigningKeys own = new SigningKeys(List.of(key));
        ConventionSpec spec = new ConventionSpec("own-conv", OWN_ISSUER); // jwks {"keys": []}
        Convention c = spec.convention();
        IssuedVector issued = new IdentificationVectorIssuer(own)
                .issue(c.document(), "user-1", List.of(spec.scopes.get(0)), NOW)
                .orElseThrow();
        ViValidator v = new ViValidator(
                () -> ConventionRegistry.ConventionIndex.of(List.of(c), 1),
                OWN_ISSUER,
                own::publicJwkSet,
                Set.of(SERVICE),
                ViValidator.DEFAULT_MAX_VI_BYTES,
                ReplayGuard.NONE);
        ValidationResult r = v.validate(request(issued.compact()));
        assertTrue(r.valid(), r::toString);
        assertEquals(issued.jti(), r.jti().orElseThrow());
        assertEquals(key.kid(), r.keyId().orElseThrow());
        assertEquals(List.of(spec.scopes.get(0)), r.scopes());

        // a VI naming our issuer but signed by another key: refused
        refusedAt(ValidationStep.SIGNATURE, v.validate(request(spec.vi().signedWith(ec(key.kid())))));
        // and our keys do not verify a foreign issuer's VIs
        ECKey foreign = ec("f");
        ConventionSpec other = new ConventionSpec("foreign", "https://idp-f.test.example/").keys(foreign);
        ECKey ownPrivate = new ECKey.Builder((ECKey) key.publicJwk())
                .privateKey((ECPrivateKey) pair.getPrivate())
                .build();
        String forged = sign(
                ownPrivate,
                JWSAlgorithm.ES256,
                "{\"alg\":\"ES256\",\"kid\":\"f\"}",
                other.vi().payloadJson());
        ViValidator both = new ViValidator(
                () -> ConventionRegistry.ConventionIndex.of(List.of(c, other.convention()), 1),
                OWN_ISSUER,
                own::publicJwkSet,
                Set.of(SERVICE),
                16_384,
                ReplayGuard.NONE);
        refusedAt(ValidationStep.SIGNATURE, both.validate(request(forged)));
    }

    // --- TRANSPORT (IR-7)

    @Test
    void transportFailuresAreInvalidRequest() {
        ViValidator v = validator(List.of(a));
        String vi = specA.vi().signedWith(keyA);
        refusedAt(
                ValidationStep.TRANSPORT,
                v.validate(ViRequest.fromHttp(List.of("Bearer " + vi), true, false, Fixtures.CLIENT_IP, null, NOW)));
        refusedAt(
                ValidationStep.TRANSPORT,
                v.validate(ViRequest.fromHttp(List.of(), false, true, Fixtures.CLIENT_IP, null, NOW)));
        refusedAt(
                ValidationStep.TRANSPORT,
                v.validate(ViRequest.fromHttp(
                        List.of("Bearer " + vi, "Bearer " + vi), false, false, Fixtures.CLIENT_IP, null, NOW)));
        refusedAt(
                ValidationStep.TRANSPORT,
                v.validate(ViRequest.fromHttp(List.of("Basic YTpi"), false, false, Fixtures.CLIENT_IP, null, NOW)));
        refusedAt(
                ValidationStep.TRANSPORT,
                v.validate(ViRequest.fromHttp(List.of("Bearer "), false, false, Fixtures.CLIENT_IP, null, NOW)));
        ValidationResult ok =
                v.validate(ViRequest.fromHttp(List.of("bearer " + vi), false, false, Fixtures.CLIENT_IP, null, NOW));
        assertTrue(ok.valid(), ok::toString);
    }

    @Test
    void noViAtAllIsFlaggedForAChallengeWithoutError() {
        ValidationResult r = validator(List.of(a))
                .validate(ViRequest.fromHttp(List.of(), false, false, Fixtures.CLIENT_IP, null, NOW));
        assertFalse(r.valid());
        assertTrue(r.viMissing());
        assertEquals(ValidationStep.TRANSPORT, r.failedStep().orElseThrow());
        ValidationResult present = check("a.b.c");
        assertFalse(present.viMissing());
    }

    // --- SIZE (D-13)

    @Test
    void aHundredKilobyteTokenIsRefusedForItsSize() {
        String big = "eyJhbGciOiJFUzI1NiJ9." + "A".repeat(100 * 1024) + ".AAAA";
        refusedAt(ValidationStep.SIZE, check(big));
        ValidationResult r = check("x".repeat(16 * 1024 + 1));
        refusedAt(ValidationStep.SIZE, r);
        assertTrue(r.publicDescription().contains("16384"), r.publicDescription());
        // at the cap exactly: the size passes, the structure decides
        refusedAt(ValidationStep.STRUCTURE, check("x".repeat(16 * 1024)));
        // a signed VI padded with a large claim just over the cap
        String padded = specA.vi().claim("pad", "p".repeat(13_000)).signedWith(keyA);
        assertTrue(padded.length() > 16 * 1024);
        refusedAt(ValidationStep.SIZE, check(padded));
    }

    // --- STRUCTURE (step 1)

    @Test
    void structureNeedsExactlyTwoDotsAndB64tokenCharacters() {
        String vi = specA.vi().signedWith(keyA);
        refusedAt(ValidationStep.STRUCTURE, check(vi + ".x")); // three dots
        refusedAt(ValidationStep.STRUCTURE, check(vi + ".")); // three dots, empty fourth part
        refusedAt(ValidationStep.STRUCTURE, check(vi.substring(0, vi.lastIndexOf('.')))); // one dot
        refusedAt(ValidationStep.STRUCTURE, check(""));
        refusedAt(ValidationStep.STRUCTURE, check("=="));
        refusedAt(ValidationStep.STRUCTURE, check(vi.replaceFirst("\\.", "#."))); // not a b64token character
        refusedAt(ValidationStep.STRUCTURE, check(vi.substring(0, 5) + "\u0000" + vi.substring(5))); // NUL
        refusedAt(ValidationStep.STRUCTURE, check(vi.substring(0, 5) + " " + vi.substring(5)));
        refusedAt(ValidationStep.STRUCTURE, check(vi.substring(0, 5) + "\u00e9" + vi.substring(5)));
        refusedAt(ValidationStep.STRUCTURE, check("a=.b.c")); // '=' only at the end
        ValidationResult r = check(vi + ".x");
        assertTrue(r.publicDescription().contains("two '.'"), r.publicDescription());
    }

    // --- HEADER_DECODE (step 2)

    @Test
    void headerMustBeStrictBase64url() {
        String vi = specA.vi().signedWith(keyA);
        String rest = vi.substring(vi.indexOf('.'));
        refusedAt(ValidationStep.HEADER_DECODE, check("eyJ+" + rest)); // b64token but standard base64
        refusedAt(ValidationStep.HEADER_DECODE, check("eyJ~" + rest));
        refusedAt(ValidationStep.HEADER_DECODE, check("eyJhb" + rest)); // length 1 mod 4
        // a non-canonical encoding (unused bits set) of the same header
        String header = vi.substring(0, vi.indexOf('.'));
        String tweaked = nonCanonical(header);
        if (tweaked != null) {
            refusedAt(ValidationStep.HEADER_DECODE, check(tweaked + rest));
        }
        refusedAt(ValidationStep.HEADER_DECODE, check("a/b." + "e30.AAAA"));
    }

    /** The same bytes with the unused low bits of the last character set, or null when there are none. */
    private static String nonCanonical(String b64url) {
        int rem = b64url.length() % 4;
        if (rem == 0) {
            return null;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(b64url.charAt(b64url.length() - 1));
        return b64url.substring(0, b64url.length() - 1) + alphabet.charAt(last | 1);
    }

    // --- HEADER_JSON (step 3)

    @Test
    void headerMustBeStrictJsonWithoutDuplicateMembers() {
        String payload = specA.vi().payloadJson();
        String dup = sign(keyA, JWSAlgorithm.ES256, "{\"alg\":\"ES256\",\"kid\":\"a-1\",\"alg\":\"ES256\"}", payload);
        ValidationResult r = check(dup);
        refusedAt(ValidationStep.HEADER_JSON, r);
        assertTrue(r.detail().contains("DUPLICATE_MEMBER"), r.detail());
        assertTrue(r.publicDescription().contains("duplicate"), r.publicDescription());
        // kid twice, the second pointing elsewhere
        refusedAt(
                ValidationStep.HEADER_JSON,
                check(sign(
                        keyA, JWSAlgorithm.ES256, "{\"alg\":\"ES256\",\"kid\":\"a-1\",\"kid\":\"other\"}", payload)));
        refusedAt(ValidationStep.HEADER_JSON, check(b64("not json") + ".e30.AAAA"));
        refusedAt(ValidationStep.HEADER_JSON, check(b64("[\"ES256\"]") + ".e30.AAAA"));
        refusedAt(ValidationStep.HEADER_JSON, check(".e30.AAAA")); // empty header
        refusedAt(
                ValidationStep.HEADER_JSON,
                check(b64(new byte[] {'{', '"', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'})
                        + ".e30.AAAA")); // overlong UTF-8
        refusedAt(ValidationStep.HEADER_JSON, check(b64("{\"alg\":\"ES256\"} x") + ".e30.AAAA"));
    }

    // --- HEADER_MEMBERS (step 4)

    @Test
    void algNoneIsRefusedAtTheHeader() {
        String payload = specA.vi().payloadJson();
        refusedAt(ValidationStep.HEADER_MEMBERS, check(b64("{\"alg\":\"none\"}") + "." + b64(payload) + "."));
        refusedAt(
                ValidationStep.HEADER_MEMBERS,
                check(b64("{\"alg\":\"NONE\",\"typ\":\"JWT\"}") + "." + b64(payload) + "." + b64("sig")));
        ValidationResult r = check(b64("{\"alg\":\"none\"}") + "." + b64(payload) + ".");
        assertTrue(r.publicDescription().contains("none"), r.publicDescription());
    }

    @Test
    void hs256KeyedWithThePublicKeyBytesIsRefused() throws Exception {
        String payload = specA.vi().payloadJson();
        for (byte[] secret : List.of(
                keyA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                keyA.toECPublicKey().getEncoded())) {
            String input = b64("{\"alg\":\"HS256\",\"kid\":\"a-1\"}") + "." + b64(payload);
            String mac = new MACSigner(secret)
                    .sign(new JWSHeader(JWSAlgorithm.HS256), input.getBytes(StandardCharsets.US_ASCII))
                    .toString();
            refusedAt(ValidationStep.HEADER_MEMBERS, check(input + "." + mac));
        }
        for (String hs : List.of("HS384", "HS512", "hs256")) {
            refusedAt(
                    ValidationStep.HEADER_MEMBERS,
                    check(b64("{\"alg\":\"" + hs + "\"}") + "." + b64(payload) + ".AAAA"));
        }
    }

    @Test
    void headerMembersFollowIr9() {
        String payload = b64(specA.vi().payloadJson());
        for (String header : List.of(
                "{}",
                "{\"alg\":256}",
                "{\"alg\":null}",
                "{\"alg\":\"RS512\"}",
                "{\"alg\":\"ES512\"}",
                "{\"alg\":\"EdDSA\"}",
                "{\"alg\":\"es256\"}",
                "{\"alg\":\"ES256\",\"typ\":\"JOSE\"}",
                "{\"alg\":\"ES256\",\"typ\":1}",
                "{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1}",
                "{\"alg\":\"ES256\",\"crit\":[]}",
                "{\"alg\":\"ES256\",\"b64\":false,\"crit\":[\"b64\"]}",
                "{\"alg\":\"ES256\",\"kid\":7}",
                "{\"alg\":\"ES256\",\"kid\":[\"a-1\"]}")) {
            refusedAt(ValidationStep.HEADER_MEMBERS, check(b64(header) + "." + payload + ".AAAA"));
        }
        // typ JWT in any case, or application/jwt, and no typ at all, are fine
        for (String typ : List.of("JWT", "jwt", "application/jwt")) {
            String vi = specA.vi().header("typ", typ).signedWith(keyA);
            assertTrue(check(vi).valid(), typ);
        }
        String noTyp = sign(
                keyA,
                JWSAlgorithm.ES256,
                "{\"alg\":\"ES256\",\"kid\":\"a-1\"}",
                specA.vi().payloadJson());
        assertTrue(check(noTyp).valid());
    }

    // --- PAYLOAD_DECODE (step 5)

    @Test
    void payloadMustBeStrictBase64url() {
        String vi = specA.vi().signedWith(keyA);
        String[] parts = vi.split("\\.");
        refusedAt(
                ValidationStep.PAYLOAD_DECODE,
                check(parts[0] + "." + parts[1].substring(0, 8) + "/" + parts[1].substring(9) + "." + parts[2]));
        refusedAt(ValidationStep.PAYLOAD_DECODE, check(parts[0] + "." + parts[1] + "~." + parts[2]));
        refusedAt(ValidationStep.PAYLOAD_DECODE, check(parts[0] + ".AAAAA." + parts[2])); // length 1 mod 4
        String tweaked = nonCanonical(parts[1]);
        if (tweaked != null) {
            refusedAt(ValidationStep.PAYLOAD_DECODE, check(parts[0] + "." + tweaked + "." + parts[2]));
        }
        refusedAt(ValidationStep.PAYLOAD_DECODE, check(parts[0] + ".e3+." + parts[2]));
    }

    // --- PAYLOAD_JSON (step 6)

    @Test
    void aValidSignatureOverDuplicateMembersIsRefusedByTheStrictParser() throws Exception {
        String good = specA.vi().payloadJson();
        // the same claims, then "scp" again granting more: a lax parser keeps one of the two
        String payload = good.substring(0, good.length() - 1) + ",\"scp\":\"urn:test:conv-a:1.0:write\"}";
        String vi = sign(keyA, JWSAlgorithm.ES256, "{\"alg\":\"ES256\",\"kid\":\"a-1\",\"typ\":\"JWT\"}", payload);
        // the signature is genuine, and a plain JSON-P reader silently keeps the last "scp"
        assertTrue(SignedJWT.parse(vi).verify(new ECDSAVerifier(keyA.toPublicJWK())));
        JsonObject lax = Json.createReader(new StringReader(payload)).readObject();
        assertEquals("urn:test:conv-a:1.0:write", lax.getString("scp"));
        ValidationResult r = check(vi);
        refusedAt(ValidationStep.PAYLOAD_JSON, r);
        assertTrue(r.detail().contains("DUPLICATE_MEMBER \"scp\""), r.detail());
    }

    @Test
    void payloadMustBeAStrictJsonObject() {
        for (String payload : List.of("", "not json", "[1]", "\"s\"", "{\"a\":1} {}", "{\"a\":\"\\ud800\"}")) {
            refusedAt(
                    ValidationStep.PAYLOAD_JSON,
                    check(sign(keyA, JWSAlgorithm.ES256, "{\"alg\":\"ES256\",\"kid\":\"a-1\"}", payload)));
        }
        String invalidUtf8 = b64("{\"alg\":\"ES256\"}") + "."
                + b64(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}) + ".AAAA";
        refusedAt(ValidationStep.PAYLOAD_JSON, check(invalidUtf8));
        String deep = "[".repeat(100) + "]".repeat(100);
        refusedAt(
                ValidationStep.PAYLOAD_JSON,
                check(b64("{\"alg\":\"ES256\"}") + "." + b64("{\"a\":" + deep + "}") + ".AAAA"));
    }

    // --- CONVENTION (step 7)

    @Test
    void conventionIsFoundFromIssAudAzpVer() {
        refusedAt(
                ValidationStep.CONVENTION,
                check(specA.vi().claim("iss", "https://idp-z.test.example/").signedWith(keyA)));
        refusedAt(
                ValidationStep.CONVENTION,
                check(specA.vi().claim("aud", "https://sp.test.example/other").signedWith(keyA)));
        refusedAt(
                ValidationStep.CONVENTION,
                check(specA.vi().claim("azp", "https://dp.test.example/other").signedWith(keyA)));
        refusedAt(
                ValidationStep.CONVENTION, check(specA.vi().claim("ver", "2.0").signedWith(keyA)));
        // trailing slash matters: exact comparison
        refusedAt(
                ValidationStep.CONVENTION,
                check(specA.vi().claim("iss", "https://idp-a.test.example").signedWith(keyA)));
        for (String claim : List.of("iss", "aud", "azp", "ver", "jti")) {
            refusedAt(ValidationStep.CONVENTION, check(specA.vi().without(claim).signedWith(keyA)));
            refusedAt(
                    ValidationStep.CONVENTION, check(specA.vi().claim(claim, 12).signedWith(keyA)));
            refusedAt(
                    ValidationStep.CONVENTION, check(specA.vi().claim(claim, "").signedWith(keyA)));
        }
        refusedAt(
                ValidationStep.CONVENTION,
                check(specA.vi()
                        .claim("aud", Json.createArrayBuilder().add(specA.spId).build())
                        .signedWith(keyA)));
        refusedAt(ValidationStep.CONVENTION, check(specA.vi().claim("sub", true).signedWith(keyA)));
        refusedAt(
                ValidationStep.CONVENTION,
                check(specA.vi().claim("jti", "x".repeat(129)).signedWith(keyA)));
        refusedAt(
                ValidationStep.CONVENTION,
                check(specA.vi().claim("jti", "uuid:a b").signedWith(keyA)));
        refusedAt(
                ValidationStep.CONVENTION,
                check(specA.vi().claim("jti", "uuid:\u0000").signedWith(keyA)));
        assertTrue(
                check(specA.vi().claim("jti", "x".repeat(128)).signedWith(keyA)).valid());
        refusedAt(
                ValidationStep.CONVENTION,
                check(specA.vi().claim("iss", new BigDecimal("1e400")).signedWith(keyA)));
    }

    @Test
    void onlyActiveConventionsAreFound() {
        ConventionSpec suspended = new ConventionSpec("conv-s", "https://idp-s.test.example/").keys(keyA);
        suspended.status = "suspended";
        ValidationResult r = validator(List.of(a, suspended.convention()))
                .validate(request(suspended.vi().signedWith(keyA)));
        refusedAt(ValidationStep.CONVENTION, r);
    }

    @Test
    void whatWasLearnedBeforeTheFailureIsKeptForTheTrace() {
        String vi = specA.vi().claim("jti", "uuid:0000").claim("env", "prod").signedWith(keyA);
        ValidationResult r = check(vi);
        refusedAt(ValidationStep.ENVIRONMENT, r);
        assertEquals("uuid:0000", r.jti().orElseThrow());
        assertEquals("https://idp-a.test.example/", r.issuer().orElseThrow());
        assertEquals(specA.spId, r.audience().orElseThrow());
        assertEquals(SERVICE, r.facts().azp());
        assertEquals("conv-a", r.conventionId().orElseThrow());
        assertEquals(3, r.conventionRevision().orElseThrow());
        assertTrue(r.detail().contains("prod"), r.detail());
        ValidationResult early =
                check(specA.vi().claim("jti", "uuid:1").claim("ver", "9").signedWith(keyA));
        assertEquals("uuid:1", early.jti().orElseThrow());
        assertTrue(early.convention().isEmpty());
    }

    // --- ORIGIN (D-2)

    @Test
    void originMustBeOneOfTheServiceProvidersAddresses() {
        ConventionSpec spec = new ConventionSpec("conv-o", "https://idp-o.test.example/").keys(keyA);
        spec.sourceIps = List.of("192.0.2.10", "2001:db8::1");
        ViValidator v = validator(List.of(spec.convention()));
        String vi = spec.vi().signedWith(keyA);
        refusedAt(ValidationStep.ORIGIN, v.validate(request(vi, "198.51.100.7", null)));
        refusedAt(ValidationStep.ORIGIN, v.validate(request(vi, null, null)));
        refusedAt(ValidationStep.ORIGIN, v.validate(request(vi, "not an address", null)));
        assertTrue(v.validate(request(vi, "192.0.2.10", null)).valid());
        assertTrue(v.validate(request(vi, "2001:0db8:0:0:0:0:0:0001", null)).valid());
        // with no addresses in the convention, any origin is fine
        assertTrue(check(specA.vi().signedWith(keyA)).valid());
        assertTrue(validator(List.of(a))
                .validate(request(specA.vi().signedWith(keyA), null, null))
                .valid());
    }

    // --- MTLS (D-4)

    @Test
    void mutualTlsNeedsACertificateMatchingTheBinding() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        X509Certificate cert =
                TestKeys.selfSigned(pair, "CN=sp-a,O=Test,C=FR", NOW.minusSeconds(60), NOW.plusSeconds(86_400));
        X509Certificate other = TestKeys.selfSigned(
                TestKeys.ec("secp256r1"), "CN=sp-b,O=Test,C=FR", NOW.minusSeconds(60), NOW.plusSeconds(86_400));
        ConventionSpec bySha = new ConventionSpec("conv-m", "https://idp-m.test.example/").keys(keyA);
        bySha.mutualTls = true;
        bySha.sha256 = CertificateBinding.sha256Hex(cert);
        ViValidator v = validator(List.of(bySha.convention()));
        String vi = bySha.vi().signedWith(keyA);
        refusedAt(ValidationStep.MTLS, v.validate(request(vi, Fixtures.CLIENT_IP, null)));
        refusedAt(ValidationStep.MTLS, v.validate(request(vi, Fixtures.CLIENT_IP, other)));
        assertTrue(v.validate(request(vi, Fixtures.CLIENT_IP, cert)).valid());

        ConventionSpec byNames = new ConventionSpec("conv-n", "https://idp-n.test.example/").keys(keyA);
        byNames.mutualTls = true;
        byNames.subjectDn = "CN=sp-a,O=Test,C=FR";
        byNames.issuerDn = "CN=sp-a,O=Test,C=FR";
        ViValidator vn = validator(List.of(byNames.convention()));
        String vin = byNames.vi().signedWith(keyA);
        assertTrue(vn.validate(request(vin, Fixtures.CLIENT_IP, cert)).valid());
        refusedAt(ValidationStep.MTLS, vn.validate(request(vin, Fixtures.CLIENT_IP, other)));

        // mutual TLS without any binding: nothing can match (fail closed)
        ConventionSpec unbound = new ConventionSpec("conv-u", "https://idp-u.test.example/").keys(keyA);
        unbound.mutualTls = true;
        refusedAt(
                ValidationStep.MTLS,
                validator(List.of(unbound.convention()))
                        .validate(request(unbound.vi().signedWith(keyA), Fixtures.CLIENT_IP, cert)));

        // a certificate uploaded through the administration binds the client too (D-6)
        ConventionSpec uploadedOnly = new ConventionSpec("conv-up", "https://idp-up.test.example/").keys(keyA);
        uploadedOnly.mutualTls = true;
        uploadedOnly.clientAuthentication = "tls_client_auth";
        var index = ConventionRegistry.ConventionIndex.of(
                List.of(uploadedOnly.convention()),
                List.of(new ConventionRegistry.UploadedCertificate(
                        uploadedOnly.clientId, CertificateBinding.sha256Hex(cert))),
                1);
        ViValidator vu = Fixtures.validator(index, new JWKSet(), ReplayGuard.NONE);
        String viu = uploadedOnly.vi().signedWith(keyA);
        assertTrue(vu.validate(request(viu, Fixtures.CLIENT_IP, cert)).valid());
        refusedAt(ValidationStep.MTLS, vu.validate(request(viu, Fixtures.CLIENT_IP, other)));

        // ORIGIN runs before MTLS
        bySha.sourceIps = List.of("192.0.2.99");
        refusedAt(
                ValidationStep.ORIGIN,
                validator(List.of(bySha.convention())).validate(request(vi, Fixtures.CLIENT_IP, null)));
    }

    /**
     * Issue 14 §3: a partner whose CA is trusted issues a sub-CA named like the victim's CA, then a leaf with the
     * victim's subject. The chain passes the certificate check (every CA has a valid CRL, the rogue sub-CA too), but
     * its issuer is no trusted CA certificate by key: step MTLS refuses it, through the index's binding of a
     * tls_client_auth client as through the convention's own binding. The victim's leaf, under either key of its
     * re-keyed CA, still passes.
     */
    @Test
    void mutualTlsRefusesALeafUnderASubCaNamedLikeThePartnersCa() throws Exception {
        ImpersonationPki pki = new ImpersonationPki(NOW);
        ValidatedCertificate rogue = pki.check(pki.rogueChain(), NOW).validated();
        assertTrue(rogue != null, "the rogue chain itself passes the certificate check");
        for (String method : List.of("tls_client_auth", "client_secret_basic")) {
            ConventionSpec victim = new ConventionSpec("conv-v", "https://idp-v.test.example/").keys(keyA);
            victim.mutualTls = true;
            victim.clientAuthentication = method;
            victim.subjectDn = ImpersonationPki.VICTIM;
            victim.issuerDn = ImpersonationPki.VICTIM_CA;
            ViValidator v = validator(List.of(victim.convention()));
            String vi = victim.vi().signedWith(keyA);

            ValidationResult refused = v.validate(Fixtures.validatedRequest(vi, Fixtures.CLIENT_IP, rogue));
            refusedAt(ValidationStep.MTLS, refused);
            assertEquals("mtls", refused.failedStep().orElseThrow().traceName());
            assertTrue(
                    refused.detail().contains("is not a CA certificate of the trust store (compared by key)"),
                    refused.detail());

            for (X509Certificate[] chain : List.of(
                    pki.victimChain(), new X509Certificate[] {pki.victim}, new X509Certificate[] {pki.victimUnderNewKey
                    })) {
                ValidatedCertificate own = pki.checkDeployed(chain, NOW).validated();
                assertTrue(
                        v.validate(Fixtures.validatedRequest(vi, Fixtures.CLIENT_IP, own))
                                .valid(),
                        method);
            }
        }
    }

    // --- TARGET_SERVICE (step 8)

    @Test
    void azpMustBeAServiceOfThisDataProvider() {
        ConventionSpec elsewhere = new ConventionSpec("conv-e", "https://idp-a.test.example/").keys(keyA);
        elsewhere.serviceId = "https://other-dp.test.example/api/v1/svc";
        refusedAt(
                ValidationStep.TARGET_SERVICE,
                validator(List.of(a, elsewhere.convention()))
                        .validate(request(elsewhere.vi().signedWith(keyA))));
    }

    // --- SCOPES_ONE_CONVENTION (step 9)

    @Test
    void scopesMustAllBelongToTheConventionFound() {
        ECKey keyB = ec("b-1");
        ConventionSpec specB = new ConventionSpec("conv-b", "https://idp-a.test.example/").keys(keyB);
        specB.spId = "https://sp.test.example/conv-b";
        ViValidator v = validator(List.of(a, specB.convention()));
        ValidationResult r = v.validate(request(specA.vi()
                .claim("scp", "urn:test:conv-a:1.0:read urn:test:conv-b:1.0:write")
                .signedWith(keyA)));
        refusedAt(ValidationStep.SCOPES_ONE_CONVENTION, r);
        assertTrue(r.detail().contains("conv-b"), r.detail());
        refusedAt(
                ValidationStep.SCOPES_ONE_CONVENTION,
                check(specA.vi().without("scp").signedWith(keyA)));
        refusedAt(
                ValidationStep.SCOPES_ONE_CONVENTION,
                check(specA.vi().claim("scp", 1).signedWith(keyA)));
        for (String bad : List.of(
                "",
                " urn:test:conv-a:1.0:read",
                "urn:test:conv-a:1.0:read ",
                "urn:test:conv-a:1.0:read  urn:test:conv-a:1.0:write",
                "urn:\"x\"",
                "urn:test:\u00e9",
                "a\tb")) {
            refusedAt(
                    ValidationStep.SCOPES_ONE_CONVENTION,
                    check(specA.vi().claim("scp", bad).signedWith(keyA)));
        }
        // repeats are harmless
        ValidationResult twice = check(specA.vi()
                .claim("scp", "urn:test:conv-a:1.0:read urn:test:conv-a:1.0:read")
                .signedWith(keyA));
        assertTrue(twice.valid());
        assertEquals(List.of("urn:test:conv-a:1.0:read"), twice.scopes());
    }

    // --- TIME (step 10)

    @Test
    void expiredBeyondTheSkewIsRefusedWithinTheSkewAccepted() {
        long now = NOW.getEpochSecond();
        // skew 120 s
        ValidationResult within = check(specA.vi()
                .claim("iat", now - 300)
                .claim("nbf", now - 360)
                .claim("exp", now - 60)
                .signedWith(keyA));
        assertTrue(within.valid(), within::toString);
        refusedAt(
                ValidationStep.TIME,
                check(specA.vi()
                        .claim("iat", now - 500)
                        .claim("nbf", now - 560)
                        .claim("exp", now - 200)
                        .signedWith(keyA)));
        refusedAt(
                ValidationStep.TIME,
                check(specA.vi()
                        .claim("iat", now - 420)
                        .claim("exp", now - 120)
                        .signedWith(keyA))); // exactly exp + skew = now
        assertTrue(
                check(specA.vi().claim("iat", now - 419).claim("exp", now - 119).signedWith(keyA))
                        .valid());
    }

    @Test
    void notBeforeInTheFutureBeyondTheSkewIsRefused() {
        long now = NOW.getEpochSecond();
        refusedAt(ValidationStep.TIME, check(specA.vi().claim("nbf", now + 121).signedWith(keyA)));
        assertTrue(check(specA.vi().claim("nbf", now + 119).signedWith(keyA)).valid());
        refusedAt(
                ValidationStep.TIME,
                check(specA.vi()
                        .claim("iat", now + 200)
                        .claim("exp", now + 400)
                        .without("nbf")
                        .signedWith(keyA)));
        assertTrue(check(specA.vi().without("nbf").signedWith(keyA)).valid(), "nbf is optional");
    }

    @Test
    void timeClaimsAreRequiredNumbers() {
        for (String claim : List.of("exp", "iat")) {
            refusedAt(ValidationStep.TIME, check(specA.vi().without(claim).signedWith(keyA)));
            refusedAt(
                    ValidationStep.TIME,
                    check(specA.vi().claim(claim, "1748772000").signedWith(keyA)));
            refusedAt(
                    ValidationStep.TIME,
                    check(specA.vi().claim(claim, JsonObject.NULL).signedWith(keyA)));
        }
        refusedAt(ValidationStep.TIME, check(specA.vi().claim("nbf", "0").signedWith(keyA)));
        // huge and tiny numbers: no overflow, refused by the lifetime rule (IR-4)
        refusedAt(
                ValidationStep.TIME,
                check(specA.vi().claim("exp", new BigDecimal("1e300")).signedWith(keyA)));
        refusedAt(
                ValidationStep.TIME,
                check(specA.vi()
                        .claim("exp", new BigDecimal("99999999999999999999999"))
                        .signedWith(keyA)));
        refusedAt(
                ValidationStep.TIME,
                check(specA.vi().claim("iat", new BigDecimal("-1e300")).signedWith(keyA)));
        refusedAt(
                ValidationStep.TIME,
                check(specA.vi().claim("exp", new BigDecimal("-1e300")).signedWith(keyA)));
        refusedAt(
                ValidationStep.TIME,
                check(specA.vi().claim("exp", NOW.getEpochSecond() + 3600).signedWith(keyA)));
        // fractional NumericDate is a number
        assertTrue(check(specA.vi()
                        .claim("exp", new BigDecimal(NOW.getEpochSecond() + 100 + ".5"))
                        .signedWith(keyA))
                .valid());
    }

    // --- ACR (step 11)

    @Test
    void acrOfAViAboutAUserMustMeetTheConventionsLevel() {
        ConventionSpec spec = new ConventionSpec("conv-acr", "https://idp-acr.test.example/").keys(keyA);
        spec.requiredAcr = "eidas2";
        ViValidator v = validator(List.of(spec.convention()));
        long authTime = NOW.getEpochSecond() - 30;
        refusedAt(
                ValidationStep.ACR,
                v.validate(request(spec.vi()
                        .claim("acr", "eidas1")
                        .claim("auth_time", authTime)
                        .signedWith(keyA))));
        assertTrue(v.validate(request(spec.vi()
                        .claim("acr", "eidas2")
                        .claim("auth_time", authTime)
                        .signedWith(keyA)))
                .valid());
        assertTrue(v.validate(request(spec.vi().claim("acr", "eidas3").signedWith(keyA)))
                .valid());
        // about a user (auth_time) without acr while a level is required
        refusedAt(
                ValidationStep.ACR,
                v.validate(request(spec.vi().claim("auth_time", authTime).signedWith(keyA))));
        // not about a user: no acr needed
        assertTrue(v.validate(request(spec.vi().signedWith(keyA))).valid());
        // malformed
        refusedAt(
                ValidationStep.ACR,
                v.validate(request(spec.vi().claim("acr", "eidas4").signedWith(keyA))));
        refusedAt(
                ValidationStep.ACR,
                v.validate(request(spec.vi().claim("acr", "EIDAS3").signedWith(keyA))));
        refusedAt(
                ValidationStep.ACR, v.validate(request(spec.vi().claim("acr", 3).signedWith(keyA))));
        refusedAt(
                ValidationStep.ACR,
                v.validate(request(spec.vi()
                        .claim("acr", "eidas3")
                        .claim("auth_time", "yesterday")
                        .signedWith(keyA))));
        refusedAt(
                ValidationStep.ACR,
                v.validate(request(spec.vi()
                        .claim("acr", "eidas3")
                        .claim("auth_time", NOW.getEpochSecond() + 500)
                        .signedWith(keyA)))); // after iat + skew
        refusedAt(
                ValidationStep.ACR,
                v.validate(request(
                        spec.vi().claim("acr", "eidas3").claim("auth_time", -1).signedWith(keyA))));
        // no required level: any eIDAS level of a user VI passes, an unknown one does not
        assertTrue(check(specA.vi()
                        .claim("acr", "eidas1")
                        .claim("auth_time", authTime)
                        .signedWith(keyA))
                .valid());
        assertTrue(
                check(specA.vi().claim("auth_time", authTime).signedWith(keyA)).valid());
        refusedAt(ValidationStep.ACR, check(specA.vi().claim("acr", "loa-high").signedWith(keyA)));
    }

    // --- SCOPES_ALLOWED (step 12)

    @Test
    void scopesMustBeAllowedByTheConvention() {
        ValidationResult r = check(specA.vi()
                .claim("scp", "urn:test:conv-a:1.0:read urn:test:conv-a:1.0:admin")
                .signedWith(keyA));
        refusedAt(ValidationStep.SCOPES_ALLOWED, r);
        assertTrue(r.detail().contains("admin"), r.detail());
    }

    // --- ENVIRONMENT (step 13)

    @Test
    void envMustBeTheConventionsEnvironment() {
        refusedAt(
                ValidationStep.ENVIRONMENT,
                check(specA.vi().claim("env", "prod").signedWith(keyA)));
        refusedAt(ValidationStep.ENVIRONMENT, check(specA.vi().without("env").signedWith(keyA)));
        refusedAt(ValidationStep.ENVIRONMENT, check(specA.vi().claim("env", 1).signedWith(keyA)));
        refusedAt(
                ValidationStep.ENVIRONMENT,
                check(specA.vi().claim("env", "TEST").signedWith(keyA)));
    }

    // --- ALGORITHM (step 14)

    @Test
    void algMustBeAmongTheConventionsAlgorithms() {
        RSAKey rsaKey = rsa("r-1");
        refusedAt(ValidationStep.ALGORITHM, check(specA.vi().signedWith(rsaKey))); // RS256, convention ES256 only
        refusedAt(ValidationStep.ALGORITHM, check(specA.vi().signedWith(rsaKey, JWSAlgorithm.PS256)));
        refusedAt(ValidationStep.ALGORITHM, check(specA.vi().signedWith(Fixtures.ec384("e-384"))));
        // the algorithm step comes before the signature: a good ES384 signature still fails at 14
        ECKey k384 = Fixtures.ec384("k384");
        ConventionSpec both = new ConventionSpec("conv-384", "https://idp-384.test.example/")
                .keys(k384)
                .algorithms("ES384");
        assertTrue(validator(List.of(both.convention()))
                .validate(request(both.vi().signedWith(k384)))
                .valid());
    }

    // --- SIGNATURE (step 15)

    @Test
    void signatureMustVerifyWithTheConventionsKey() {
        String vi = specA.vi().signedWith(keyA);
        String[] parts = vi.split("\\.");
        // another key under the same kid
        refusedAt(ValidationStep.SIGNATURE, check(specA.vi().signedWith(ec("a-1"))));
        // payload changed after signing
        String otherPayload = b64(specA.vi().payloadJson());
        refusedAt(ValidationStep.SIGNATURE, check(parts[0] + "." + otherPayload + "." + parts[2]));
        // empty, truncated, non-base64url or non-canonical signatures
        refusedAt(ValidationStep.SIGNATURE, check(parts[0] + "." + parts[1] + "."));
        refusedAt(ValidationStep.SIGNATURE, check(parts[0] + "." + parts[1] + "." + parts[2].substring(4)));
        refusedAt(ValidationStep.SIGNATURE, check(parts[0] + "." + parts[1] + "." + parts[2] + "=="));
        refusedAt(ValidationStep.SIGNATURE, check(parts[0] + "." + parts[1] + "." + "+" + parts[2].substring(1)));
        refusedAt(ValidationStep.SIGNATURE, check(parts[0] + "." + parts[1] + "." + b64(new byte[64])));
        // a kid that is not in the convention's set
        refusedAt(
                ValidationStep.SIGNATURE,
                check(specA.vi().noKid().header("kid", "nope").signedWith(keyA)));
    }

    @Test
    void aKidOfAnotherConventionIsRefusedEvenWithItsGenuineKey() {
        ECKey keyB = ec("b-1");
        ConventionSpec specB = new ConventionSpec("conv-b", "https://idp-b.test.example/").keys(keyB);
        ViValidator v = validator(List.of(a, specB.convention()));
        // signed by B's real key, kid b-1, but claims name convention A
        ValidationResult r = v.validate(request(specA.vi().signedWith(keyB)));
        refusedAt(ValidationStep.SIGNATURE, r);
        assertTrue(r.detail().contains("b-1"), r.detail());
        // without kid, B's key is not a candidate either
        refusedAt(
                ValidationStep.SIGNATURE, v.validate(request(specA.vi().noKid().signedWith(keyB))));
        assertTrue(v.validate(request(specB.vi().signedWith(keyB))).valid());
    }

    @Test
    void kidPicksAmongSeveralKeysAndWithoutKidEachCandidateIsTried() {
        ECKey k1 = ec("k1");
        ECKey k2 = ec("k2");
        RSAKey r1 = rsa("r1");
        ConventionSpec spec = new ConventionSpec("conv-k", "https://idp-k.test.example/")
                .keys(k1, r1, k2)
                .algorithms("ES256", "RS256");
        ViValidator v = validator(List.of(spec.convention()));
        assertTrue(v.validate(request(spec.vi().signedWith(k1))).valid());
        ValidationResult second = v.validate(request(spec.vi().signedWith(k2)));
        assertTrue(second.valid());
        assertEquals("k2", second.keyId().orElseThrow());
        // no kid: every EC key tried, the second one verifies
        ValidationResult tried = v.validate(request(spec.vi().noKid().signedWith(k2)));
        assertTrue(tried.valid(), tried::toString);
        assertEquals("k2", tried.keyId().orElseThrow());
        assertTrue(v.validate(request(spec.vi().noKid().signedWith(r1))).valid());
        // a kid naming one key while signed by the other: refused (the kid picks)
        refusedAt(
                ValidationStep.SIGNATURE,
                v.validate(request(spec.vi().noKid().header("kid", "k1").signedWith(k2))));
        // a kid naming a key of the wrong type for alg
        refusedAt(
                ValidationStep.SIGNATURE,
                v.validate(request(spec.vi().noKid().header("kid", "r1").signedWith(k1))));
        // an embedded jwk in the header is never used
        refusedAt(
                ValidationStep.SIGNATURE,
                v.validate(request(spec.vi()
                        .noKid()
                        .header(
                                "jwk",
                                Json.createReader(new StringReader(
                                                ec("att").toPublicJWK().toJSONString()))
                                        .readObject())
                        .signedWith(ec("att")))));
    }

    // --- REPLAY (IR-11)

    @Test
    void singleUseConventionsAskTheReplayGuard() {
        ConventionSpec spec = new ConventionSpec("conv-once", "https://idp-once.test.example/").keys(keyA);
        spec.singleUse = true;
        Set<String> seen = new HashSet<>();
        List<Instant> until = new ArrayList<>();
        ReplayGuard guard = (jti, iss, expiresAt) -> {
            until.add(expiresAt);
            return seen.add(iss + " " + jti);
        };
        ViValidator v = validator(List.of(spec.convention()), new JWKSet(), guard);
        String vi = spec.vi().signedWith(keyA);
        assertTrue(v.validate(request(vi)).valid());
        refusedAt(ValidationStep.REPLAY, v.validate(request(vi)));
        assertEquals(NOW.plusSeconds(300 + 120), until.get(0), "exp + skew");
        // the store failing refuses the VI
        ViValidator broken = validator(List.of(spec.convention()), new JWKSet(), (j, i, e) -> {
            throw new IllegalStateException("single-use store unavailable");
        });
        refusedAt(ValidationStep.REPLAY, broken.validate(request(spec.vi().signedWith(keyA))));
        // a refused VI never reaches the guard, and reusable conventions never ask it
        AtomicInteger asked = new AtomicInteger();
        ViValidator counting = validator(List.of(a, spec.convention()), new JWKSet(), (j, i, e) -> {
            asked.incrementAndGet();
            return true;
        });
        counting.validate(request(spec.vi().signedWith(ec("a-1"))));
        assertTrue(counting.validate(request(specA.vi().signedWith(keyA))).valid());
        assertTrue(counting.validate(request(specA.vi().signedWith(keyA))).valid());
        assertEquals(0, asked.get());
    }

    // --- misc

    @Test
    void theConventionIndexIsAskedAtEachCall() {
        List<Convention> current = new ArrayList<>(List.of(a));
        ViValidator v = new ViValidator(
                () -> ConventionRegistry.ConventionIndex.of(List.copyOf(current), 1),
                OWN_ISSUER,
                now -> new JWKSet(),
                Set.of(SERVICE),
                16_384,
                ReplayGuard.NONE);
        String vi = specA.vi().signedWith(keyA);
        assertTrue(v.validate(request(vi)).valid());
        current.clear();
        refusedAt(ValidationStep.CONVENTION, v.validate(request(vi)));
        // an index supplier that fails refuses, never throws
        ViValidator failing = new ViValidator(
                () -> {
                    throw new IllegalStateException("db down");
                },
                OWN_ISSUER,
                null,
                Set.of(SERVICE),
                16_384,
                ReplayGuard.NONE);
        refusedAt(ValidationStep.CONVENTION, failing.validate(request(vi)));
        assertFalse(validator(List.of(a)).validate(null).valid());
        assertThrows(
                IllegalArgumentException.class,
                () -> new ViValidator(() -> null, null, null, Set.of(), 0, ReplayGuard.NONE));
    }

    @Test
    void stepsAreInTheOrderOfTheStandardWithTheProductsChecks() {
        assertEquals(
                List.of(
                        ValidationStep.TRANSPORT,
                        ValidationStep.SIZE,
                        ValidationStep.STRUCTURE,
                        ValidationStep.HEADER_DECODE,
                        ValidationStep.HEADER_JSON,
                        ValidationStep.HEADER_MEMBERS,
                        ValidationStep.PAYLOAD_DECODE,
                        ValidationStep.PAYLOAD_JSON,
                        ValidationStep.CONVENTION,
                        ValidationStep.ORIGIN,
                        ValidationStep.MTLS,
                        ValidationStep.TARGET_SERVICE,
                        ValidationStep.SCOPES_ONE_CONVENTION,
                        ValidationStep.TIME,
                        ValidationStep.ACR,
                        ValidationStep.SCOPES_ALLOWED,
                        ValidationStep.ENVIRONMENT,
                        ValidationStep.ALGORITHM,
                        ValidationStep.SIGNATURE,
                        ValidationStep.CNF,
                        ValidationStep.REVOKED,
                        ValidationStep.REPLAY),
                List.of(ValidationStep.values()));
        int last = 0;
        for (ValidationStep s : ValidationStep.values()) {
            if (s.irStep() > 0) {
                assertEquals(last + 1, s.irStep(), s.name());
                last = s.irStep();
            }
        }
        assertEquals(15, last);
        assertEquals("mtls", ValidationStep.MTLS.traceName());
        assertEquals("invalid_request", BearerError.INVALID_REQUEST.wireName());
        assertEquals("invalid_token", BearerError.INVALID_TOKEN.wireName());
        assertEquals("insufficient_scope", BearerError.INSUFFICIENT_SCOPE.wireName());
    }

    @Test
    void severalFaultsAreReportedAtTheFirstStep() {
        // wrong env (13), wrong alg for the convention (14), bad signature (15), expired (10): TIME wins
        long now = NOW.getEpochSecond();
        String vi = specA.vi()
                .claim("env", "prod")
                .claim("iat", now - 1000)
                .claim("exp", now - 900)
                .signedWith(rsa("r"));
        refusedAt(ValidationStep.TIME, check(vi));
    }

    // --- issue 14: how much of a refused VI the trace keeps

    /** A genuine VI refused after step 7 is checked at step 15 all the same; the refusal stays the same. */
    @Test
    void aGenuineViRefusedAfterStep7HasItsSignatureVerifiedForTheTrace() {
        long now = NOW.getEpochSecond();
        String padding = "x".repeat(2000);
        String expired = specA.vi()
                .claim("iat", now - 500)
                .claim("exp", now - 200)
                .claim("pad", padding)
                .signedWith(keyA);
        ValidationResult genuine = check(expired);
        refusedAt(ValidationStep.TIME, genuine);
        assertTrue(genuine.signatureVerified(), "a genuine expired VI is kept whole (IR-19 a)");
        String forgedExpired = specA.vi()
                .claim("iat", now - 500)
                .claim("exp", now - 200)
                .claim("pad", padding)
                .signedWith(ec("a-1"));
        ValidationResult forged = check(forgedExpired);
        refusedAt(ValidationStep.TIME, forged);
        assertFalse(forged.signatureVerified());
        assertEquals(genuine.detail(), forged.detail(), "the refusal does not depend on the extra check");
        assertEquals(genuine.publicDescription(), forged.publicDescription());
        // step 12 (a scope the convention does not list), genuine and forged
        ValidationResult scope =
                check(specA.vi().claim("scp", "urn:test:conv-a:1.0:other").signedWith(keyA));
        refusedAt(ValidationStep.SCOPES_ALLOWED, scope);
        assertTrue(scope.signatureVerified());
        assertFalse(check(specA.vi().claim("scp", "urn:test:conv-a:1.0:other").signedWith(ec("a-1")))
                .signatureVerified());
        // origin (D-2)
        ConventionSpec spec = new ConventionSpec("conv-o", "https://idp-o.test.example/").keys(keyA);
        spec.sourceIps = List.of("192.0.2.10");
        ViValidator v = validator(List.of(spec.convention()));
        ValidationResult origin = v.validate(request(spec.vi().signedWith(keyA), "198.51.100.7", null));
        refusedAt(ValidationStep.ORIGIN, origin);
        assertTrue(origin.signatureVerified());
        assertFalse(v.validate(request(spec.vi().signedWith(ec("a-1")), "198.51.100.7", null))
                .signatureVerified());
    }

    @Test
    void onlyAViWhoseSignatureVerifiedCountsAsVerified() {
        assertTrue(check(specA.vi().signedWith(keyA)).signatureVerified(), "accepted");
        ValidationResult bad = check(specA.vi().signedWith(ec("a-1")));
        refusedAt(ValidationStep.SIGNATURE, bad);
        assertFalse(bad.signatureVerified());
        ValidationResult noConvention =
                check(specA.vi().claim("iss", "https://nobody.example/").signedWith(keyA));
        refusedAt(ValidationStep.CONVENTION, noConvention);
        assertFalse(noConvention.signatureVerified(), "no convention, no keys: not verified");
        ValidationResult garbage = check("not.a.vi");
        assertFalse(garbage.valid());
        assertFalse(garbage.signatureVerified());
        // single use: refused after step 15 passed
        ConventionSpec once = new ConventionSpec("conv-once", "https://idp-once.test.example/").keys(keyA);
        once.singleUse = true;
        ViValidator v = validator(List.of(once.convention()), new JWKSet(), (jti, iss, e) -> false);
        ValidationResult replayed = v.validate(request(once.vi().signedWith(keyA)));
        refusedAt(ValidationStep.REPLAY, replayed);
        assertTrue(replayed.signatureVerified());
    }
}
