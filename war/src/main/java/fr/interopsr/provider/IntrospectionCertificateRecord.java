package fr.interopsr.provider;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A row of {@code introspection_certificate} (migration V13): a certificate uploaded through the administration that
 * binds the data provider of one convention to the introspection endpoint, by its SHA-256 (issue 17, as D-6 for
 * clients).
 */
@Entity
@Table(name = "introspection_certificate")
public class IntrospectionCertificateRecord {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private String id;

    @Column(name = "convention_id", nullable = false, updatable = false)
    private String conventionId;

    @Column(name = "subject_dn", nullable = false, updatable = false)
    private String subjectDn;

    @Column(name = "issuer_dn", nullable = false, updatable = false)
    private String issuerDn;

    @Column(name = "sha256", nullable = false, updatable = false)
    private String sha256;

    @Column(name = "not_after", nullable = false, updatable = false)
    private OffsetDateTime notAfter;

    @Column(name = "pem", nullable = false, updatable = false)
    private String pem;

    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private OffsetDateTime uploadedAt;

    @Column(name = "uploaded_by", nullable = false, updatable = false)
    private String uploadedBy;

    protected IntrospectionCertificateRecord() {}

    public IntrospectionCertificateRecord(
            String id,
            String conventionId,
            String subjectDn,
            String issuerDn,
            String sha256,
            Instant notAfter,
            String pem,
            Instant uploadedAt,
            String uploadedBy) {
        this.id = id;
        this.conventionId = conventionId;
        this.subjectDn = subjectDn;
        this.issuerDn = issuerDn;
        this.sha256 = sha256;
        this.notAfter = OffsetDateTime.ofInstant(notAfter, ZoneOffset.UTC);
        this.pem = pem;
        this.uploadedAt = OffsetDateTime.ofInstant(uploadedAt, ZoneOffset.UTC);
        this.uploadedBy = uploadedBy;
    }

    public String id() {
        return id;
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

    public Instant notAfter() {
        return notAfter.toInstant();
    }

    public Instant uploadedAt() {
        return uploadedAt.toInstant();
    }

    public String uploadedBy() {
        return uploadedBy;
    }
}
