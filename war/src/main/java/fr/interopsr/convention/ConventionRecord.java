package fr.interopsr.convention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * The head of a convention (table {@code convention}): which revision is current, and the
 * columns that find it (client, issuer, audience, target service, agreement version: IR-5, §3.5.2 step 7).
 */
@Entity
@Table(name = "convention")
public class ConventionRecord {

    @Id
    private String id;

    @Column(name = "current_revision", nullable = false)
    private int currentRevision;

    @Column(nullable = false)
    private String status;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(nullable = false)
    private String issuer;

    @Column(nullable = false)
    private String audience;

    @Column(name = "service_id", nullable = false)
    private String serviceId;

    @Column(name = "agreement_version", nullable = false)
    private String agreementVersion;

    @Column(name = "source_hash")
    private String sourceHash;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected ConventionRecord() {}

    ConventionRecord(String id) {
        this.id = id;
    }

    void describe(
            int currentRevision,
            String status,
            String clientId,
            String issuer,
            String audience,
            String serviceId,
            String agreementVersion,
            OffsetDateTime updatedAt) {
        this.currentRevision = currentRevision;
        this.status = status;
        this.clientId = clientId;
        this.issuer = issuer;
        this.audience = audience;
        this.serviceId = serviceId;
        this.agreementVersion = agreementVersion;
        this.updatedAt = updatedAt;
    }

    void sourceHash(String hash) {
        this.sourceHash = hash;
    }

    public String id() {
        return id;
    }

    public int currentRevision() {
        return currentRevision;
    }

    public String status() {
        return status;
    }

    public String clientId() {
        return clientId;
    }

    public String sourceHash() {
        return sourceHash;
    }
}
