package fr.interopsr.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A client certificate uploaded through the administration (table {@code client_certificate}, V3):
 * kept with the client, so that a re-import of convention files never drops it; it binds the client
 * by its SHA-256 for {@code tls_client_auth} (D-6). Never changed once written.
 */
@Entity
@Table(name = "client_certificate")
public class ClientCertificateRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "client_certificate_ids")
    @SequenceGenerator(name = "client_certificate_ids", sequenceName = "client_certificate_seq", allocationSize = 1)
    private Long id;

    @Column(name = "client_id", nullable = false, updatable = false)
    private String clientId;

    @Column(name = "convention_id", nullable = false, updatable = false)
    private String conventionId;

    @Column(name = "subject_dn", nullable = false, updatable = false)
    private String subjectDn;

    @Column(name = "issuer_dn", nullable = false, updatable = false)
    private String issuerDn;

    @Column(nullable = false, updatable = false)
    private String sha256;

    @Column(name = "not_after", nullable = false, updatable = false)
    private OffsetDateTime notAfter;

    @Column(nullable = false, updatable = false)
    private String pem;

    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private OffsetDateTime uploadedAt;

    @Column(name = "uploaded_by", nullable = false, updatable = false)
    private String uploadedBy;

    protected ClientCertificateRecord() {}

    ClientCertificateRecord(
            String clientId,
            String conventionId,
            PemCertificate.Facts facts,
            String pem,
            OffsetDateTime uploadedAt,
            String uploadedBy) {
        this.clientId = clientId;
        this.conventionId = conventionId;
        this.subjectDn = facts.subjectDn();
        this.issuerDn = facts.issuerDn();
        this.sha256 = facts.sha256();
        this.notAfter = OffsetDateTime.ofInstant(facts.notAfter(), ZoneOffset.UTC);
        this.pem = pem;
        this.uploadedAt = uploadedAt;
        this.uploadedBy = uploadedBy;
    }

    public Long id() {
        return id;
    }

    public String clientId() {
        return clientId;
    }

    public String conventionId() {
        return conventionId;
    }

    public String subjectDn() {
        return subjectDn;
    }

    public String issuerDn() {
        return issuerDn;
    }

    public String sha256() {
        return sha256;
    }

    public OffsetDateTime notAfter() {
        return notAfter;
    }

    public String pem() {
        return pem;
    }

    public OffsetDateTime uploadedAt() {
        return uploadedAt;
    }

    public String uploadedBy() {
        return uploadedBy;
    }

    /** As a certificate the convention relies on, for the expiry warnings. */
    public CertificateExpiry.Held held() {
        return new CertificateExpiry.Held(
                CertificateExpiry.UPLOADED, subjectDn, issuerDn, sha256, notAfter.toInstant());
    }
}
