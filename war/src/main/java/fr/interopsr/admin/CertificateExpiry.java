package fr.interopsr.admin;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which certificates of a convention expire soon: those uploaded for its client (D-6) and those
 * its document holds ({@code dataProvider.certificateChainPem}).
 */
public final class CertificateExpiry {

    public static final String UPLOADED = "uploaded";
    public static final String DOCUMENT_CHAIN = "dataProvider.certificateChainPem";

    /** A certificate a convention relies on, and where it comes from. */
    public record Held(String source, String subjectDn, String issuerDn, String sha256, Instant notAfter) {}

    private CertificateExpiry() {}

    /** The certificates of the document's {@code dataProvider.certificateChainPem}; none when absent or unreadable. */
    public static List<Held> ofDocument(JsonObject document) {
        JsonObject dp = ConventionSummary.object(document, "dataProvider");
        if (!(dp.get("certificateChainPem") instanceof JsonString pem)) {
            return List.of();
        }
        List<Held> out = new ArrayList<>();
        try {
            for (X509Certificate c : PemCertificate.all(pem.getString())) {
                PemCertificate.Facts f = PemCertificate.facts(c);
                out.add(new Held(DOCUMENT_CHAIN, f.subjectDn(), f.issuerDn(), f.sha256(), f.notAfter()));
            }
        } catch (IllegalArgumentException unreadable) {
            return List.of();
        }
        return out;
    }

    /** Those that expire before {@code now + days} (already expired ones included), soonest first. */
    public static List<Held> expiringWithin(List<Held> certificates, Instant now, int days) {
        Instant horizon = now.plus(Duration.ofDays(days));
        return certificates.stream()
                .filter(h -> h.notAfter().isBefore(horizon))
                .sorted(Comparator.comparing(Held::notAfter))
                .toList();
    }
}
