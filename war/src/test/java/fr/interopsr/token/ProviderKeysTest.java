package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.convention.document.AuthenticationLevel;
import fr.interopsr.convention.document.UserAuthenticationTerms;
import fr.interopsr.devpki.DevPki;
import fr.interopsr.pki.TrustMaterial;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 §3, P-52: an OpenID provider's keys fetched from an https {@code jwksUri} (a JDK HTTPS server with a dev
 * PKI certificate), trusted through {@code truststores/} only, cached, refetched at most once per interval for an
 * unknown {@code kid}; a server that chains to no trusted anchor gives no keys.
 */
class ProviderKeysTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final TestOpenIdProvider OP = new TestOpenIdProvider("op-url-1");

    @TempDir
    static Path dir;

    private static TrustMaterial devTrust;
    private static TrustMaterial otherTrust;

    @BeforeAll
    static void pki() throws Exception {
        DevPki.ensure(dir, NOW);
        devTrust = TrustMaterial.load(dir.resolve("truststore.p12"), DevPki.devPassword(), dir);
        DevPki.Ca other = DevPki.createCa(
                "CN=Other CA,O=Test,C=FR", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        otherTrust = TrustMaterial.of(List.of(other.certificate()), List.of());
    }

    private static UserAuthenticationTerms terms(String jwksUri) {
        return new UserAuthenticationTerms(
                TestOpenIdProvider.ISSUER,
                Optional.empty(),
                Optional.of(jwksUri),
                List.of(TestOpenIdProvider.AUDIENCE),
                "sub",
                java.util.Map.of("urn:op:substantial", AuthenticationLevel.EIDAS2),
                600);
    }

    private static IdTokenVerifier.VerifiedUser verify(ProviderKeys keys, UserAuthenticationTerms terms, String token)
            throws IdTokenVerifier.Refusal {
        return IdTokenVerifier.verify(token, terms, keys.of(terms), Optional.empty(), NOW, 60);
    }

    @Test
    void keysAtAnHttpsUrlTrustedThroughTruststoresAreFetchedOnceAndCached() throws Exception {
        try (TestOpenIdProvider.Served served = OP.serve(dir.resolve("server.p12"), DevPki.devPassword())) {
            ProviderKeys keys = new ProviderKeys(ProviderKeys.socketFactory(() -> devTrust));
            UserAuthenticationTerms terms = terms(served.jwksUri());
            String token = OP.idToken(TestOpenIdProvider.claims(NOW).build());
            assertEquals("user-42", verify(keys, terms, token).subject());
            assertEquals("user-42", verify(keys, terms, token).subject());
            assertEquals(1, served.fetches().get(), "cached");
            assertSame(keys.of(terms), keys.of(terms));

            String unknown = OP.idToken(TestOpenIdProvider.claims(NOW).build(), "unknown-kid");
            for (int i = 0; i < 3; i++) {
                IdTokenVerifier.Refusal r =
                        assertThrows(IdTokenVerifier.Refusal.class, () -> verify(keys, terms, unknown));
                assertFalse(r.keysUnavailable());
                assertTrue(r.description().contains("'unknown-kid'"), r.description());
            }
            assertTrue(
                    served.fetches().get() <= 2, "an unknown kid refetches at most once per 30 s: " + served.fetches());
        }
    }

    @Test
    void aServerThatChainsToNoTrustedAnchorGivesNoKeys() throws Exception {
        try (TestOpenIdProvider.Served served = OP.serve(dir.resolve("server.p12"), DevPki.devPassword())) {
            ProviderKeys keys = new ProviderKeys(ProviderKeys.socketFactory(() -> otherTrust));
            IdTokenVerifier.Refusal r = assertThrows(
                    IdTokenVerifier.Refusal.class,
                    () -> verify(
                            keys,
                            terms(served.jwksUri()),
                            OP.idToken(TestOpenIdProvider.claims(NOW).build())));
            assertTrue(r.keysUnavailable(), r.description());
            assertEquals(0, served.fetches().get(), "the TLS handshake failed before any request");
        }
    }
}
