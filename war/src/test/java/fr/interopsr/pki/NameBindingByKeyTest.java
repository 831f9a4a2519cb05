package fr.interopsr.pki;

import static fr.interopsr.pki.ImpersonationPki.INTERMEDIATE_CA;
import static fr.interopsr.pki.ImpersonationPki.THIRD;
import static fr.interopsr.pki.ImpersonationPki.VICTIM;
import static fr.interopsr.pki.ImpersonationPki.VICTIM_CA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 §3: a binding by subject and issuer DN holds only when the leaf's issuer, in the path the JDK's PKIX
 * validator accepted, is a trusted CA certificate with that DN, compared by key. Real certificates, the real
 * validator, every CA with a valid CRL (the rogue sub-CA too).
 */
class NameBindingByKeyTest {

    static final Instant NOW = Instant.now();
    static final CertificateBinding BY_NAMES = CertificateBinding.ofNames(VICTIM, VICTIM_CA);
    static ImpersonationPki pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = new ImpersonationPki(NOW);
    }

    private static ValidatedCertificate accepted(CertificateCheck check) {
        assertTrue(check.valid(), check.detail());
        return check.validated();
    }

    @Test
    void aLeafUnderASubCaNamedLikeTheVictimsCaDoesNotMeetTheVictimsNameBinding() {
        // the rogue chain is valid: it leads to a trusted CA and every issuer has a valid CRL
        ValidatedCertificate rogue = accepted(pki.check(pki.rogueChain(), NOW));
        assertEquals(VICTIM, rogue.leaf().getSubjectX500Principal().getName());
        assertEquals(VICTIM_CA, rogue.leaf().getIssuerX500Principal().getName());
        // but the key that signed it is no trusted certificate's: the names alone no longer bind
        assertFalse(rogue.issuedByTrustedCa());
        assertEquals(pki.rogueSubCa.certificate().getPublicKey(), rogue.issuerKey());
        assertEquals(pki.partnerCa.certificate(), rogue.anchor().getTrustedCert());
        assertFalse(BY_NAMES.matches(rogue));
        assertFalse(BY_NAMES.indexKey()
                .map(CertificateBinding.indexKeysOf(rogue)::contains)
                .orElseThrow());
        // a fingerprint pins the leaf, whoever issued it
        assertTrue(CertificateBinding.ofSha256(CertificateBinding.sha256Hex(pki.rogue))
                .matches(rogue));
        // without its own CRL, the JDK may take the victim CA's CRL for it (same issuer name, signer on a trusted
        // path: RFC 5280 6.3.3 (f)) and accept the chain; either way, no name binding holds
        CertificateCheck deployed = pki.checkDeployed(pki.rogueChain(), NOW);
        assertTrue(!deployed.valid() || !BY_NAMES.matches(deployed.validated()), deployed.detail());
    }

    @Test
    void theVictimsOwnLeafStillMeetsItsNameBinding() {
        for (X509Certificate[] chain : List.of(pki.victimChain(), new X509Certificate[] {pki.victim})) {
            ValidatedCertificate victim = accepted(pki.checkDeployed(chain, NOW));
            assertTrue(victim.issuedByTrustedCa());
            assertTrue(BY_NAMES.matches(victim));
            assertTrue(BY_NAMES.indexKey()
                    .map(CertificateBinding.indexKeysOf(victim)::contains)
                    .orElseThrow());
        }
    }

    @Test
    void aReKeyedCaMatchesUnderEitherKey() {
        ValidatedCertificate old = accepted(pki.checkDeployed(new X509Certificate[] {pki.victim}, NOW));
        ValidatedCertificate rekeyed = accepted(pki.checkDeployed(new X509Certificate[] {pki.victimUnderNewKey}, NOW));
        assertEquals(pki.victimCaRekeyed.certificate(), rekeyed.anchor().getTrustedCert());
        assertTrue(BY_NAMES.matches(old));
        assertTrue(BY_NAMES.matches(rekeyed));
    }

    @Test
    void anIntermediateCaMustBeInTheTrustStoreForANameBindingToHold() throws Exception {
        CertificateBinding third = CertificateBinding.ofNames(THIRD, INTERMEDIATE_CA);
        X509Certificate[] chain = {pki.third, pki.intermediateCa.certificate(), pki.rootCa.certificate()};
        ValidatedCertificate placed = accepted(pki.checkDeployed(chain, NOW));
        assertTrue(placed.issuedByTrustedCa());
        assertTrue(third.matches(placed));

        List<X509Certificate> rootOnly = pki.deployed.anchorCertificates().stream()
                .filter(c -> !c.equals(pki.intermediateCa.certificate()))
                .toList();
        TrustMaterial withoutIntermediate = TrustMaterial.of(rootOnly, pki.deployed.crls());
        ValidatedCertificate notPlaced =
                accepted(new ClientCertificateValidator().validate(chain, withoutIntermediate, NOW));
        assertFalse(notPlaced.issuedByTrustedCa());
        assertFalse(third.matches(notPlaced));
        assertTrue(CertificateBinding.ofSha256(CertificateBinding.sha256Hex(pki.third))
                .matches(notPlaced));
    }

    @Test
    void theDegradedRevocationCheckGivesTheSameFacts() throws Exception {
        // allowStaleCrl: validated again without the strict pass; the anchor then comes from the fallback
        ClientCertificateValidator lenient = new ClientCertificateValidator(true, true);
        TrustMaterial noCrls = TrustMaterial.of(pki.material.anchorCertificates(), List.of());
        ValidatedCertificate rogue = accepted(lenient.validate(pki.rogueChain(), noCrls, NOW));
        ValidatedCertificate victim = accepted(lenient.validate(pki.victimChain(), noCrls, NOW));
        assertFalse(BY_NAMES.matches(rogue));
        assertTrue(BY_NAMES.matches(victim));
        assertEquals(pki.partnerCa.certificate(), rogue.anchor().getTrustedCert());
    }

    @Test
    void aRefusedCertificateCarriesNoValidatedFacts() {
        CertificateCheck later = pki.check(pki.rogueChain(), NOW.plus(Duration.ofDays(400)));
        assertFalse(later.valid());
        assertEquals(null, later.validated());
        assertTrue(Arrays.asList(pki.rogueChain()).contains(later.certificate()));
    }
}
