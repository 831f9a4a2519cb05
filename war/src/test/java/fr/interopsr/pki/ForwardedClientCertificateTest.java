package fr.interopsr.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.devpki.DevPki;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of {@link ForwardedClientCertificate} (RFC 9440, D-2). */
class ForwardedClientCertificateTest {

    static DevPki.Ca ca;
    static X509Certificate cert;
    static String b64;

    @BeforeAll
    static void certs() throws Exception {
        Instant now = Instant.now();
        ca = DevPki.createCa("CN=Test CA,C=FR", now, now.plus(Duration.ofDays(10)));
        cert = DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        "CN=client,C=FR",
                        now,
                        now.plus(Duration.ofDays(10)),
                        true,
                        null)
                .certificate();
        b64 = Base64.getEncoder().encodeToString(cert.getEncoded());
    }

    @Test
    void parsesByteSequence() {
        assertEquals(Optional.of(cert), ForwardedClientCertificate.parse(":" + b64 + ":"));
        assertEquals(Optional.of(cert), ForwardedClientCertificate.parse(" \t:" + b64 + ": "));
    }

    @Test
    void garbageGivesEmpty() throws Exception {
        String pemText = Base64.getEncoder()
                .encodeToString(("-----BEGIN CERTIFICATE-----\n"
                                + Base64.getMimeEncoder().encodeToString(cert.getEncoded())
                                + "\n-----END CERTIFICATE-----\n")
                        .getBytes(StandardCharsets.US_ASCII));
        byte[] trailing = Arrays.copyOf(cert.getEncoded(), cert.getEncoded().length + 1);
        String huge = ":" + "A".repeat(ForwardedClientCertificate.MAX_LENGTH) + ":";
        for (String bad : new String[] {
            null,
            "",
            ":",
            "::",
            b64,
            ":" + b64,
            b64 + ":",
            ":" + b64 + "::",
            ":" + b64.substring(1) + ":",
            ":" + b64.replace('+', '-').replace('/', '_') + "!:",
            ":" + b64.substring(0, 40) + " " + b64.substring(40) + ":",
            ":" + b64 + ":;param=1",
            "\"" + b64 + "\"",
            ":aGVsbG8=:",
            ":" + pemText + ":",
            ":" + Base64.getEncoder().encodeToString(trailing) + ":",
            huge,
            ":" + b64 + ":, :" + b64 + ":"
        }) {
            assertTrue(ForwardedClientCertificate.parse(bad).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void parsesChain() throws Exception {
        String caB64 = Base64.getEncoder().encodeToString(ca.certificate().getEncoded());
        assertEquals(
                Optional.of(List.of(cert, ca.certificate())),
                ForwardedClientCertificate.parseChain(":" + b64 + ":, :" + caB64 + ":"));
        assertEquals(Optional.of(List.of(ca.certificate())), ForwardedClientCertificate.parseChain(":" + caB64 + ":"));
        for (String bad : new String[] {null, "", ":" + b64 + ":,", ":" + b64 + ": , garbage", ",:" + b64 + ":"}) {
            assertTrue(ForwardedClientCertificate.parseChain(bad).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void readSaysWhatIsWrong() throws Exception {
        byte[] trailing = Arrays.copyOf(cert.getEncoded(), cert.getEncoded().length + 1);
        assertEquals(
                new ForwardedClientCertificate.Parsed(Optional.empty(), null), ForwardedClientCertificate.read(null));
        assertEquals(
                new ForwardedClientCertificate.Parsed(Optional.of(cert), null),
                ForwardedClientCertificate.read(":" + b64 + ":"));
        assertProblem("not an RFC 8941 byte sequence", b64);
        assertProblem("outside the base64 alphabet", ":" + b64.substring(0, 40) + " " + b64.substring(40) + ":");
        assertProblem("not valid base64", ":QQ=Q:");
        assertProblem("not a DER certificate", ":aGVsbG8=:");
        assertProblem("not a DER certificate", ":MAA=:");
        assertProblem(
                "bytes after the DER certificate", ":" + Base64.getEncoder().encodeToString(trailing) + ":");
        assertProblem("longer than", ":" + "A".repeat(ForwardedClientCertificate.MAX_LENGTH) + ":");
    }

    private static void assertProblem(String expected, String value) {
        ForwardedClientCertificate.Parsed parsed = ForwardedClientCertificate.read(value);
        assertTrue(parsed.certificate().isEmpty(), value);
        assertTrue(parsed.problem() != null && parsed.problem().contains(expected), parsed.problem());
    }
}
