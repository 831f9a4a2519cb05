package fr.interopsr.convention.document;

import static fr.interopsr.convention.document.ConventionDocumentReaderTest.onlyProblem;
import static fr.interopsr.convention.document.ConventionDocumentReaderTest.valid;
import static fr.interopsr.convention.document.Documents.example;
import static fr.interopsr.convention.document.Documents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** dataProvider.certificateChainPem (IR-13, IR-20): PEM certificates only, parsed. */
class PemCertificatesTest {

    private static String chain;

    static synchronized String chainPem() throws Exception {
        if (chain == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            KeyPair ca = g.generateKeyPair();
            KeyPair leaf = g.generateKeyPair();
            X509Certificate caCert = certificate("CN=Provider CA,O=Provider", ca, "CN=Provider CA,O=Provider", ca);
            X509Certificate leafCert =
                    certificate("CN=rise.provider.example,O=Provider", leaf, "CN=Provider CA,O=Provider", ca);
            chain = pem(leafCert) + pem(caCert);
        }
        return chain;
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys)
            throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                new X500Name(issuer),
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(30, ChronoUnit.DAYS)),
                new X500Name(subject),
                subjectKeys.getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void chainIsReadInOrder() throws Exception {
        List<X509Certificate> certs = valid(with(example(), "dataProvider.certificateChainPem", chainPem()))
                .dataProvider()
                .certificateChain();
        assertEquals(2, certs.size());
        assertTrue(certs.get(0).getSubjectX500Principal().getName().contains("CN=rise.provider.example"));
        assertTrue(certs.get(1).getSubjectX500Principal().getName().contains("CN=Provider CA"));
    }

    @Test
    void notPemIsRefused() throws Exception {
        String field = "dataProvider.certificateChainPem";
        onlyProblem(with(example(), field, "hello"), field);
        onlyProblem(with(example(), field, ""), field);
        onlyProblem(with(example(), field, "junk\n" + chainPem()), field);
        onlyProblem(with(example(), field, chainPem() + "junk"), field);
        onlyProblem(with(example(), field, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), field);
        onlyProblem(with(example(), field, "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"), field);
        onlyProblem(with(example(), field, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), field);
    }
}
