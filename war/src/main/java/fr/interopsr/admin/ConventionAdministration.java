package fr.interopsr.admin;

import fr.interopsr.convention.ConventionRecord;
import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.convention.ConventionRevisionRecord;
import fr.interopsr.convention.ConventionStore;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the administration API and console do with conventions: reads, and changes made by
 * {@link ConventionChanges} (one transaction each) followed, once committed, by a refresh of this
 * node's registry so that the change holds for the next request (D-16). Refusals are
 * {@link AdminRefusal}s.
 */
@ApplicationScoped
public class ConventionAdministration {

    private static final Logger LOG = Logger.getLogger(ConventionAdministration.class.getName());

    @Inject
    ConventionChanges changes;

    @Inject
    ConventionStore store;

    @Inject
    ConventionRegistry registry;

    @Inject
    ClientCertificateStore certificates;

    /** A convention of the list, with its certificates that expire within 30 days. */
    public record Listed(ConventionSummary summary, List<CertificateExpiry.Held> expiring) {}

    /** A convention whose certificate expires within the horizon. */
    public record Expiring(ConventionSummary convention, CertificateExpiry.Held certificate) {}

    // ------------------------------------------------------------------ reads

    public List<Listed> list(ConventionFilter filter) {
        Map<String, List<CertificateExpiry.Held>> uploaded = uploadedByClient();
        Instant now = Instant.now();
        List<Listed> out = new ArrayList<>();
        for (ConventionRevisionRecord r : store.currentRevisionRecords()) {
            JsonObject doc = AdminJson.parse(r.document());
            ConventionSummary summary = summary(r, doc);
            if (filter.matches(summary)) {
                out.add(new Listed(
                        summary,
                        CertificateExpiry.expiringWithin(
                                held(summary, doc, uploaded), now, AdminParams.DEFAULT_EXPIRY_DAYS)));
            }
        }
        return out;
    }

    /** The current revision. */
    public ConventionRevisionRecord current(String id) {
        ConventionRecord head = store.head(id).orElseThrow(() -> AdminRefusal.notFound("no convention " + id));
        return store.revision(id, head.currentRevision()).orElseThrow();
    }

    /** Every revision, oldest first (D-14). */
    public List<ConventionRevisionRecord> versions(String id) {
        List<ConventionRevisionRecord> all = store.revisions(id);
        if (all.isEmpty()) {
            throw AdminRefusal.notFound("no convention " + id);
        }
        return all;
    }

    public ConventionRevisionRecord version(String id, String n) {
        int revision;
        try {
            revision = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw AdminRefusal.notFound("no revision " + n + " of convention " + id);
        }
        return store.revision(id, revision)
                .orElseThrow(() -> AdminRefusal.notFound("no revision " + n + " of convention " + id));
    }

    /** The current document of every convention, retired ones included, as stored. */
    public List<JsonObject> export() {
        return store.currentRevisionRecords().stream()
                .map(r -> AdminJson.parse(r.document()))
                .toList();
    }

    /** The certificates uploaded for the convention's client (they bind the client: D-6). */
    public List<ClientCertificateRecord> certificates(String id) {
        ConventionRecord head = store.head(id).orElseThrow(() -> AdminRefusal.notFound("no convention " + id));
        return certificates.ofClient(head.clientId());
    }

    public ClientCertificateRecord certificate(String id, String sha256) {
        ConventionRecord head = store.head(id).orElseThrow(() -> AdminRefusal.notFound("no convention " + id));
        return certificates
                .find(head.clientId(), sha256)
                .orElseThrow(() -> AdminRefusal.notFound("no certificate " + sha256 + " for convention " + id));
    }

    /** The conventions (retired ones left out) with a certificate that expires within {@code days}. */
    public List<Expiring> expiring(int days) {
        Map<String, List<CertificateExpiry.Held>> uploaded = uploadedByClient();
        Instant now = Instant.now();
        List<Expiring> out = new ArrayList<>();
        for (ConventionRevisionRecord r : store.currentRevisionRecords()) {
            if (ConventionStatus.RETIRED.jsonName().equals(r.status())) {
                continue;
            }
            JsonObject doc = AdminJson.parse(r.document());
            ConventionSummary summary = summary(r, doc);
            CertificateExpiry.expiringWithin(held(summary, doc, uploaded), now, days)
                    .forEach(h -> out.add(new Expiring(summary, h)));
        }
        out.sort(Comparator.comparing(e -> e.certificate().notAfter()));
        return out;
    }

    // ------------------------------------------------------------------ changes

    public ConventionChanges.Revision create(byte[] body, String actor, String comment) {
        return refreshed(changes.create(document(body), actor, comment));
    }

    public ConventionChanges.Revision update(String id, byte[] body, String actor, String comment) {
        return refreshed(changes.update(id, document(body), actor, comment));
    }

    public ConventionChanges.Revision retire(String id, String actor, String comment) {
        return refreshed(changes.retire(id, actor, comment));
    }

    public ConventionChanges.SecretIssued rotateSecret(String id, long graceSeconds, String actor, String comment) {
        return refreshed(changes.rotateSecret(id, graceSeconds, actor, comment));
    }

    public ClientCertificateRecord uploadCertificate(String id, byte[] body, String actor, String comment) {
        if (body != null && body.length > PemCertificate.MAX_BYTES) {
            throw AdminRefusal.badRequest("the certificate is larger than " + PemCertificate.MAX_BYTES + " bytes");
        }
        String pem = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        X509Certificate certificate;
        try {
            certificate = PemCertificate.one(pem);
        } catch (IllegalArgumentException e) {
            throw new AdminRefusal(
                    400,
                    "invalid_certificate",
                    "the body is not one PEM X.509 certificate: it " + e.getMessage(),
                    List.of());
        }
        PemCertificate.unusableAsClientCertificate(certificate, Instant.now()).ifPresent(why -> {
            throw new AdminRefusal(400, "invalid_certificate", why, List.of());
        });
        return refreshed(
                changes.uploadCertificate(id, pem.strip() + "\n", PemCertificate.facts(certificate), actor, comment));
    }

    public ConventionChanges.ImportOutcome importAll(byte[] body, String actor, String comment) {
        return refreshed(changes.importAll(ImportBatch.read(body), actor, comment));
    }

    /** The body as a valid convention document, or a 400 listing every problem. */
    static ConventionDocument document(byte[] body) {
        var read = ConventionDocumentReader.read(body == null ? new byte[0] : body);
        if (!read.isValid()) {
            throw AdminRefusal.invalid(
                    "the convention document is refused: " + read.problems().size()
                            + (read.problems().size() == 1 ? " problem" : " problems"),
                    read.problems().stream().map(AdminProblem::of).toList());
        }
        return read.document().orElseThrow();
    }

    /** D-16: the change holds on this node at once; if the refresh fails the poller catches up within seconds. */
    private <T> T refreshed(T committed) {
        try {
            registry.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "conventions changed but not reloaded now; the poller will reload them", e);
        }
        return committed;
    }

    private Map<String, List<CertificateExpiry.Held>> uploadedByClient() {
        Map<String, List<CertificateExpiry.Held>> byClient = new HashMap<>();
        for (ClientCertificateRecord c : certificates.all()) {
            byClient.computeIfAbsent(c.clientId(), k -> new ArrayList<>()).add(c.held());
        }
        return byClient;
    }

    private static List<CertificateExpiry.Held> held(
            ConventionSummary summary, JsonObject doc, Map<String, List<CertificateExpiry.Held>> uploaded) {
        List<CertificateExpiry.Held> all = new ArrayList<>(uploaded.getOrDefault(summary.clientId(), List.of()));
        all.addAll(CertificateExpiry.ofDocument(doc));
        return all;
    }

    private static ConventionSummary summary(ConventionRevisionRecord r, JsonObject doc) {
        return ConventionSummary.of(
                r.conventionId(), r.revision(), r.status(), r.createdAt().toInstant(), doc);
    }
}
