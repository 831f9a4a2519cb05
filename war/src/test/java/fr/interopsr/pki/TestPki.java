package fr.interopsr.pki;

import fr.interopsr.devpki.DevPki;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests of every package (BouncyCastle, as {@link DevPki}): sub-CAs, leaves, CRLs, and validated
 * certificates made the way {@link ClientCertificateValidator} makes them, for tests that do not run the validator.
 */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {}

    /**
     * A CA certificate issued by {@code parent} (EC P-256, basicConstraints CA, keyCertSign + cRLSign): an
     * intermediate, or a rogue sub-CA named like another partner's CA.
     */
    public static DevPki.Ca subCa(DevPki.Ca parent, String subjectDn, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        KeyPair keys = g.generateKeyPair();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                parent.certificate().getSubjectX500Principal(),
                new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Principal(subjectDn),
                keys.getPublic());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(
                    Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(parent.certificate()));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(parent.privateKey())));
            return new DevPki.Ca(keys.getPrivate(), cert);
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** A client certificate (clientAuth EKU) valid from an hour before {@code now} for ten days. */
    public static X509Certificate leaf(DevPki.Ca issuer, String subjectDn, Instant now)
            throws GeneralSecurityException {
        return DevPki.issueClientCertificate(
                        issuer.privateKey(),
                        issuer.certificate(),
                        subjectDn,
                        now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofDays(10)),
                        true,
                        null)
                .certificate();
    }

    /**
     * A TLS server certificate (serverAuth EKU, EC P-256) for these DNS names, in the subject alternative name and the
     * first as CN, valid from an hour before {@code now} for ten days: the certificate of a test server that a client
     * checks with host name verification.
     */
    public static DevPki.Issued server(DevPki.Ca issuer, Instant now, String... dnsNames)
            throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        KeyPair keys = g.generateKeyPair();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                issuer.certificate().getSubjectX500Principal(),
                new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(10))),
                new X500Principal("CN=" + dnsNames[0]),
                keys.getPublic());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(Arrays.stream(dnsNames)
                            .map(n -> new GeneralName(GeneralName.dNSName, n))
                            .toArray(GeneralName[]::new)));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(
                    Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.certificate()));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.privateKey())));
            return new DevPki.Issued(keys, cert);
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** A current, empty CRL of the CA (valid from an hour before {@code now} for a week). */
    public static X509CRL crl(DevPki.Ca ca, Instant now) throws GeneralSecurityException {
        return DevPki.issueCrl(
                ca.privateKey(),
                ca.certificate(),
                List.of(),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(7)),
                BigInteger.ONE);
    }

    /**
     * The validated certificate the validator would make for {@code leaf} issued by {@code issuer} with these
     * certificates in the trust store.
     */
    public static ValidatedCertificate validated(
            X509Certificate leaf, X509Certificate issuer, X509Certificate... trustStore) {
        return ValidatedCertificate.of(leaf, issuer.getPublicKey(), null, List.of(trustStore));
    }

    /** {@link #validated} for a self-signed certificate that the trust store holds: its own trusted CA. */
    public static ValidatedCertificate selfTrusted(X509Certificate certificate) {
        return validated(certificate, certificate, certificate);
    }

    /** An accepted check of {@link #validated}. */
    public static CertificateCheck accepted(
            X509Certificate leaf, X509Certificate issuer, X509Certificate... trustStore) {
        return CertificateCheck.accepted(validated(leaf, issuer, trustStore), "valid (test)");
    }
}
