package fr.interopsr.pki;

import fr.interopsr.devpki.DevPki;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The attack of issue 14 §3 on real certificates: two partner CAs in the trust store, each with a valid CRL. The
 * partner whose CA is trusted issues a sub-CA named like the victim's CA, and under it a leaf with the victim's
 * subject; the rogue sub-CA's own valid CRL is in the CRL set too, so that revocation does not refuse the rogue
 * leaf for the wrong reason ("revocation unknown"). Also: the victim's CA re-keyed (a second trusted certificate
 * with the same DN and another key), and a partner with an intermediate CA placed in the trust store.
 */
public final class ImpersonationPki {

    public static final String VICTIM_CA = "CN=Victim Issuing CA,O=Institution Victim,C=FR";
    public static final String PARTNER_CA = "CN=Partner CA,O=Institution Partner,C=FR";
    public static final String VICTIM = "CN=victim-app,O=Institution Victim,C=FR";
    public static final String ROOT_CA = "CN=Third Root CA,O=Institution Third,C=FR";
    public static final String INTERMEDIATE_CA = "CN=Third Issuing CA,O=Institution Third,C=FR";
    public static final String THIRD = "CN=third-app,O=Institution Third,C=FR";

    public final DevPki.Ca victimCa;
    /** The victim's CA after a re-key: same DN, another key, both trusted. */
    public final DevPki.Ca victimCaRekeyed;

    public final DevPki.Ca partnerCa;
    /** Issued by the partner's CA, named like the victim's CA. */
    public final DevPki.Ca rogueSubCa;

    public final DevPki.Ca rootCa;
    /** Issued by {@link #rootCa} and placed in the trust store. */
    public final DevPki.Ca intermediateCa;

    public final X509Certificate victim;
    public final X509Certificate victimUnderNewKey;
    /** The victim's subject, issued by the rogue sub-CA: the chain is {@link #rogueChain()}. */
    public final X509Certificate rogue;

    public final X509Certificate third;

    /**
     * The attack's material: the trust store (the anchors and the intermediate placed there), every CA's valid CRL,
     * and the rogue sub-CA's valid CRL.
     */
    public final TrustMaterial material;

    /**
     * What a deployment holds: the same without the rogue sub-CA's CRL, which is this test's own device. Legitimate
     * leaves are checked against it: with two CRLs of the victim CA's name signed by different keys, the JDK's
     * revocation checker tries them in hash order and, when it meets the rogue one first (its authority key
     * identifier names another issuer), answers "revocation unknown" for the legitimate leaf about half the time
     * (fail closed; a JDK behaviour that this issue does not change).
     */
    public final TrustMaterial deployed;

    public ImpersonationPki(Instant now) throws GeneralSecurityException {
        Instant from = now.minus(Duration.ofDays(1));
        Instant to = now.plus(Duration.ofDays(365));
        victimCa = DevPki.createCa(VICTIM_CA, from, to);
        victimCaRekeyed = DevPki.createCa(VICTIM_CA, from, to);
        partnerCa = DevPki.createCa(PARTNER_CA, from, to);
        rogueSubCa = TestPki.subCa(partnerCa, VICTIM_CA, from, to);
        rootCa = DevPki.createCa(ROOT_CA, from, to);
        intermediateCa = TestPki.subCa(rootCa, INTERMEDIATE_CA, from, to);
        victim = TestPki.leaf(victimCa, VICTIM, now);
        victimUnderNewKey = TestPki.leaf(victimCaRekeyed, VICTIM, now);
        rogue = TestPki.leaf(rogueSubCa, VICTIM, now);
        third = TestPki.leaf(intermediateCa, THIRD, now);
        List<X509Certificate> trustStore = List.of(
                victimCa.certificate(),
                victimCaRekeyed.certificate(),
                partnerCa.certificate(),
                rootCa.certificate(),
                intermediateCa.certificate());
        List<X509CRL> crls = List.of(
                TestPki.crl(victimCa, now),
                TestPki.crl(victimCaRekeyed, now),
                TestPki.crl(partnerCa, now),
                TestPki.crl(rootCa, now),
                TestPki.crl(intermediateCa, now));
        deployed = TrustMaterial.of(trustStore, crls);
        List<X509CRL> withRogue = new ArrayList<>(crls);
        withRogue.add(TestPki.crl(rogueSubCa, now));
        material = TrustMaterial.of(trustStore, withRogue);
    }

    /** What the attacker presents: the rogue leaf and the rogue sub-CA. */
    public X509Certificate[] rogueChain() {
        return new X509Certificate[] {rogue, rogueSubCa.certificate()};
    }

    /** The legitimate victim's chain, as a client would send it. */
    public X509Certificate[] victimChain() {
        return new X509Certificate[] {victim, victimCa.certificate()};
    }

    /** The real validator's check of a chain against the attack's material, at {@code now}. */
    public CertificateCheck check(X509Certificate[] chain, Instant now) {
        return new ClientCertificateValidator().validate(chain, material, now);
    }

    /** The real validator's check of a chain against what a deployment holds, at {@code now}. */
    public CertificateCheck checkDeployed(X509Certificate[] chain, Instant now) {
        return new ClientCertificateValidator().validate(chain, deployed, now);
    }
}
