package fr.interopsr.it;

import static fr.interopsr.it.TestServer.PASSWORD;
import static fr.interopsr.it.TestServer.PKI;

import fr.interopsr.devpki.DevPki;
import fr.interopsr.pki.TestPki;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Issue 14 §3 over real mutual TLS: a sub-CA named like the CA of institution-a's name binding
 * (demo-beneficiaries-mtls: its subject and the dev CA's DN), issued by a CA that both trust stores
 * hold (the dev CA: the only one the test server trusts, standing for another partner's CA), then
 * a leaf with institution-a's subject under it. Its chain passes the handshake and the
 * application's certificate check: the rogue sub-CA's own valid CRL is put in the server's CRL
 * directory for the test, so that "revocation unknown" does not refuse it for the wrong reason.
 */
final class RogueSubCa implements AutoCloseable {

    static final String INSTITUTION_A = "CN=institution-a,O=Institution Demo A,C=FR";

    private final Path crlFile;
    private final DevPki.Issued leaf;
    private final X509Certificate subCa;

    private RogueSubCa(Path crlFile, DevPki.Issued leaf, X509Certificate subCa) {
        this.crlFile = crlFile;
        this.leaf = leaf;
        this.subCa = subCa;
    }

    /** Makes the rogue sub-CA and leaf, writes the sub-CA's CRL and waits for the server to reload it. */
    static RogueSubCa install() throws Exception {
        DevPki.Ca devCa = DevPki.loadCa(PKI.resolve("ca.p12"), PASSWORD);
        Instant now = Instant.now();
        DevPki.Ca rogue = TestPki.subCa(devCa, DevPki.CA_SUBJECT, now.minusSeconds(3600), now.plusSeconds(86_400));
        DevPki.Issued leaf = DevPki.issueClientCertificate(
                rogue.privateKey(),
                rogue.certificate(),
                INSTITUTION_A,
                now.minusSeconds(3600),
                now.plusSeconds(86_400),
                true,
                null);
        Path crl = PKI.resolve("it-rogue-sub-ca.crl.pem");
        DevPki.writePem(crl, TestPki.crl(rogue, now));
        // the application looks at its CRL directory at most every 5 seconds (D-1)
        Thread.sleep(6_000);
        return new RogueSubCa(crl, leaf, rogue.certificate());
    }

    /** A client presenting the rogue leaf and the rogue sub-CA. */
    HttpClient client() throws Exception {
        return TestServer.client(TestServer.tlsAlwaysPresenting(leaf.privateKey(), leaf.certificate(), subCa));
    }

    X509Certificate leaf() {
        return leaf.certificate();
    }

    /**
     * Removes the rogue CRL and waits until the server's next look at its CRL directory drops it:
     * with two CRLs of the dev CA's name signed by different keys, the JDK's revocation checker may
     * answer "revocation unknown" for the dev PKI's own certificates (see ImpersonationPki).
     */
    @Override
    public void close() throws Exception {
        Files.deleteIfExists(crlFile);
        Thread.sleep(6_000);
    }
}
