package fr.interopsr.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A client secret, kept only as the SHA-256 of the server-generated secret (table {@code client_secret}). */
@Entity
@Table(name = "client_secret")
public class ClientSecretRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "client_secret_ids")
    @SequenceGenerator(name = "client_secret_ids", sequenceName = "client_secret_seq", allocationSize = 1)
    private Long id;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(name = "secret_hash", nullable = false)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "not_after")
    private OffsetDateTime notAfter;

    protected ClientSecretRecord() {}

    ClientSecretRecord(String clientId, String secretHash, OffsetDateTime createdAt) {
        this.clientId = clientId;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
    }

    void expireAt(OffsetDateTime when) {
        this.notAfter = when;
    }

    public String clientId() {
        return clientId;
    }

    public String secretHash() {
        return secretHash;
    }

    public OffsetDateTime notAfter() {
        return notAfter;
    }
}
