package fr.interopsr.pki;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Parses the RFC 9440 {@code Client-Cert} and {@code Client-Cert-Chain} header values that our own TLS-terminating
 * proxies send (D-2; whether the header may be read at all is the caller's decision, by the TCP peer).
 *
 * <p>{@code Client-Cert} is an RFC 8941 byte sequence {@code :base64(DER):}; {@code Client-Cert-Chain} a list of
 * them separated by commas. Surrounding spaces/tabs are allowed; parameters, other item types, characters outside
 * the base64 alphabet, trailing bytes after the DER and values over {@value #MAX_LENGTH} characters are refused.
 * Nothing is checked here but the syntax: validate the result with {@link ClientCertificateValidator}.
 * Never throws for bad input: malformed gives an empty Optional.
 */
public final class ForwardedClientCertificate {

    /** Maximum length of a {@code Client-Cert} value, and of one element of {@code Client-Cert-Chain}. */
    public static final int MAX_LENGTH = 16 * 1024;
    /** Maximum length of a whole {@code Client-Cert-Chain} value. */
    public static final int MAX_CHAIN_LENGTH = 64 * 1024;
    /** Maximum number of certificates in {@code Client-Cert-Chain}. */
    public static final int MAX_CHAIN_ELEMENTS = 10;

    private ForwardedClientCertificate() {}

    /**
     * Parses a {@code Client-Cert} header value.
     *
     * @param headerValue the field value, may be null
     * @return the certificate, or empty when absent or malformed
     */
    public static Optional<X509Certificate> parse(String headerValue) {
        return read(headerValue).certificate();
    }

    /**
     * A {@code Client-Cert} value read: the certificate, or why there is none.
     *
     * @param certificate the certificate; empty when the value is absent or malformed
     * @param problem     why a value that is there was refused, for the trace; null otherwise
     */
    public record Parsed(Optional<X509Certificate> certificate, String problem) {}

    /**
     * Parses a {@code Client-Cert} header value and says what is wrong with a malformed one.
     *
     * @param headerValue the field value, may be null (then neither a certificate nor a problem)
     */
    public static Parsed read(String headerValue) {
        if (headerValue == null) {
            return new Parsed(Optional.empty(), null);
        }
        if (headerValue.length() > MAX_LENGTH) {
            return new Parsed(Optional.empty(), "longer than " + MAX_LENGTH + " characters");
        }
        return certificateOrProblem(trimOws(headerValue));
    }

    /**
     * Parses a {@code Client-Cert-Chain} header value (issuers of the {@code Client-Cert}, nearest first).
     *
     * @param headerValue the field value, may be null
     * @return the certificates in order, or empty when absent, malformed (any element) or too long
     */
    public static Optional<List<X509Certificate>> parseChain(String headerValue) {
        if (headerValue == null || headerValue.length() > MAX_CHAIN_LENGTH) {
            return Optional.empty();
        }
        String[] members = headerValue.split(",", -1);
        if (members.length > MAX_CHAIN_ELEMENTS) {
            return Optional.empty();
        }
        List<X509Certificate> out = new ArrayList<>();
        for (String member : members) {
            if (member.length() > MAX_LENGTH) {
                return Optional.empty();
            }
            Optional<X509Certificate> c = certificate(trimOws(member));
            if (c.isEmpty()) {
                return Optional.empty();
            }
            out.add(c.get());
        }
        return Optional.of(List.copyOf(out));
    }

    private static Optional<X509Certificate> certificate(String item) {
        return certificateOrProblem(item).certificate();
    }

    private static Parsed certificateOrProblem(String item) {
        if (item.length() < 3 || item.charAt(0) != ':' || item.charAt(item.length() - 1) != ':') {
            return malformed("not an RFC 8941 byte sequence :base64:");
        }
        String b64 = item.substring(1, item.length() - 1);
        for (int i = 0; i < b64.length(); i++) {
            char ch = b64.charAt(i);
            boolean ok = (ch >= 'A' && ch <= 'Z')
                    || (ch >= 'a' && ch <= 'z')
                    || (ch >= '0' && ch <= '9')
                    || ch == '+'
                    || ch == '/'
                    || ch == '=';
            if (!ok) {
                return malformed("a character outside the base64 alphabet");
            }
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return malformed("not valid base64");
        }
        if (der.length == 0 || der[0] != 0x30) { // a DER SEQUENCE, never PEM text
            return malformed("not a DER certificate");
        }
        try {
            X509Certificate cert = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(cert.getEncoded(), der)) { // no trailing bytes, exactly one certificate
                return malformed("bytes after the DER certificate");
            }
            return new Parsed(Optional.of(cert), null);
        } catch (Exception e) {
            return malformed("not a DER certificate");
        }
    }

    private static Parsed malformed(String problem) {
        return new Parsed(Optional.empty(), problem);
    }

    private static String trimOws(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
            b++;
        }
        while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
            e--;
        }
        return s.substring(b, e);
    }
}
