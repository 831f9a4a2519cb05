package fr.interopsr.convention.document;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the data provider's {@code certificateChainPem} (IR-13, IR-20 "DP: its certificate and
 * chain"): one or more {@code CERTIFICATE} PEM blocks and nothing else but whitespace between
 * them, each exactly one DER X.509 certificate.
 */
public final class PemCertificates {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private PemCertificates() {}

    /**
     * The certificates in order.
     *
     * @throws IllegalArgumentException with an English message saying what is wrong
     */
    public static List<X509Certificate> parse(String pem) {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 is required of every Java platform", e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        int end = 0;
        while (m.find()) {
            int number = certificates.size() + 1;
            if (!pem.substring(end, m.start()).isBlank()) {
                throw new IllegalArgumentException(
                        "holds text outside the CERTIFICATE blocks (before certificate " + number + ")");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(WHITESPACE.matcher(m.group(1)).replaceAll(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("certificate " + number + " is not valid base64", e);
            }
            X509Certificate c;
            try {
                c = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
                if (c.getEncoded().length != der.length) {
                    throw new CertificateException("bytes after its DER encoding");
                }
            } catch (CertificateException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "certificate " + number + " is not an X.509 certificate (" + e.getMessage() + ")", e);
            }
            certificates.add(c);
            end = m.end();
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("holds no -----BEGIN CERTIFICATE----- block");
        }
        if (!pem.substring(end).isBlank()) {
            throw new IllegalArgumentException("holds text after the last CERTIFICATE block");
        }
        return List.copyOf(certificates);
    }
}
