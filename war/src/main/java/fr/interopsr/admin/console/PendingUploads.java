package fr.interopsr.admin.console;

import fr.interopsr.admin.PemCertificate;
import java.io.Serializable;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Certificates uploaded in the convention form and not saved yet (issue 18 §1, P-61): kept in the administrator's
 * HTTP session, under a random handle that the form carries in a hidden field, until the convention is saved; at most
 * {@link #MAX} per session, the oldest dropped first. A handle names nothing outside its own session, so a handle
 * from another session, or an expired one, finds nothing. Plain Java: the console keeps one instance in the session.
 */
public final class PendingUploads implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Session attribute holding this store. */
    public static final String ATTRIBUTE = "interops.console.uploads";

    /** Uploads kept per session. */
    public static final int MAX = 8;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** What the form shows of an uploaded certificate before it is saved. */
    public record Shown(
            String subjectDn, String issuerDn, Instant notBefore, Instant notAfter, String sha256, String warning) {}

    private final LinkedHashMap<String, String> pems = new LinkedHashMap<>();

    /** Keeps PEM text; its new handle. */
    public synchronized String put(String pem) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pems.put(handle, pem);
        while (pems.size() > MAX) {
            pems.remove(pems.keySet().iterator().next());
        }
        return handle;
    }

    public synchronized Optional<String> get(String handle) {
        return Optional.ofNullable(handle == null ? null : pems.get(handle));
    }

    public synchronized void remove(String handle) {
        if (handle != null) {
            pems.remove(handle);
        }
    }

    public synchronized int size() {
        return pems.size();
    }

    /** Whether the text can be a handle (the form's hidden field is not trusted). */
    public static boolean isHandle(String s) {
        return s != null && HANDLE.matcher(s).matches();
    }

    /**
     * Reads an upload: exactly one PEM certificate of at most {@link PemCertificate#MAX_BYTES} bytes.
     *
     * @throws IllegalArgumentException saying what is wrong, to show at the upload's field
     */
    public static X509Certificate certificate(byte[] upload) {
        if (upload.length > PemCertificate.MAX_BYTES) {
            throw new IllegalArgumentException(
                    "the file is larger than " + PemCertificate.MAX_BYTES + " bytes: upload one PEM certificate");
        }
        try {
            return PemCertificate.one(new String(upload, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the file is not one PEM X.509 certificate: it " + e.getMessage(), e);
        }
    }

    /** Subject, issuer, validity and SHA-256 of a certificate, with why it cannot authenticate a client, if so. */
    public static Shown shown(X509Certificate c, Instant now) {
        PemCertificate.Facts facts = PemCertificate.facts(c);
        return new Shown(
                facts.subjectDn(),
                facts.issuerDn(),
                facts.notBefore(),
                facts.notAfter(),
                facts.sha256(),
                PemCertificate.unusableAsClientCertificate(c, now).orElse(null));
    }

    /** The pending uploads, for a test. */
    synchronized Map<String, String> all() {
        return Map.copyOf(pems);
    }
}
