package fr.interopsr.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.devpki.DevPki;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStoreException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@link TrustMaterial} and {@link TrustMaterialSource}. */
class TrustMaterialTest {

    @TempDir
    Path dir;

    DevPki.Ca ca;
    Path truststore;

    @BeforeEach
    void pki() throws Exception {
        DevPki.ensure(dir, Instant.now());
        ca = DevPki.loadCa(dir.resolve("ca.p12"), DevPki.devPassword());
        truststore = dir.resolve("truststore.p12");
    }

    X509CRL crl(BigInteger number) throws Exception {
        return DevPki.issueCrl(
                ca.privateKey(),
                ca.certificate(),
                List.of(),
                Instant.now(),
                Instant.now().plus(Duration.ofDays(30)),
                number);
    }

    @Test
    void loadsAnchorsAndCrlsSkippingOtherFiles() throws Exception {
        Files.writeString(dir.resolve("garbage.crl"), "not a CRL at all");
        Files.write(dir.resolve("der.crl"), crl(BigInteger.valueOf(7)).getEncoded());
        Files.writeString(dir.resolve("ignored.txt"), "-----BEGIN X509 CRL-----");
        TrustMaterial m = TrustMaterial.load(truststore, DevPki.devPassword(), dir);
        assertEquals(List.of(ca.certificate()), m.anchorCertificates());
        assertEquals(1, m.trustAnchors().size());
        // crl.pem (PEM) + der.crl (DER); ca.pem, client PEMs and garbage.crl skipped
        assertEquals(2, m.crls().size());
        assertEquals(2, m.crlsOf(ca.certificate().getSubjectX500Principal()).size());
        assertEquals(
                List.of(),
                TrustMaterial.load(truststore, DevPki.devPassword(), null).crls());
    }

    @Test
    void truststoreWithoutTrustedEntryRefused() {
        // ca.p12 holds a key entry only
        assertThrows(
                KeyStoreException.class, () -> TrustMaterial.load(dir.resolve("ca.p12"), DevPki.devPassword(), dir));
    }

    @Test
    void sourceReloadsOnChangeAtMostEveryInterval() throws Exception {
        AtomicLong clock = new AtomicLong();
        TrustMaterialSource source =
                new TrustMaterialSource(truststore, DevPki.devPassword(), dir, Duration.ofSeconds(10), clock::get);
        TrustMaterial first = source.current();
        assertEquals(1, first.crls().size());

        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        assertSame(first, source.current(), "nothing changed: same snapshot");

        DevPki.writePem(dir.resolve("second.pem"), crl(BigInteger.TWO));
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertSame(first, source.current(), "interval not yet passed");
        clock.addAndGet(Duration.ofSeconds(6).toNanos());
        TrustMaterial second = source.current();
        assertEquals(2, second.crls().size());

        // a broken truststore keeps the previous snapshot
        byte[] good = Files.readAllBytes(truststore);
        Files.writeString(truststore, "broken");
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        assertSame(second, source.current());
        assertFalse(source.refresh());
        assertSame(second, source.current());

        // fixed again: reloaded
        Files.write(truststore, good);
        Files.setLastModifiedTime(truststore, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(source.refresh());
        assertEquals(2, source.current().crls().size());

        // a removed CRL file is noticed
        Files.delete(dir.resolve("second.pem"));
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        assertEquals(1, source.current().crls().size());
    }
}
