package fr.interopsr.vi;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key pairs and self-signed certificates for signing-key tests. */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {}

    /** EC key pair on a named curve (secp256r1, secp384r1, secp521r1). */
    public static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve), RANDOM);
        return g.generateKeyPair();
    }

    public static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits, RANDOM);
        return g.generateKeyPair();
    }

    public static X509Certificate selfSigned(KeyPair keys, String dn, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        try {
            X500Principal name = new X500Principal(dn);
            String alg = "RSA".equals(keys.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            var builder = new JcaX509v3CertificateBuilder(
                    name,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    name,
                    keys.getPublic());
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(alg).build(keys.getPrivate())));
        } catch (OperatorCreationException | CertificateException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** A signing key made by the production conversion ({@code SigningKeys.toSigningKey}). */
    public static SigningKey signingKey(String alias, KeyPair keys, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        return SigningKeys.toSigningKey(alias, keys.getPrivate(), selfSigned(keys, "CN=" + alias, notBefore, notAfter));
    }
}
