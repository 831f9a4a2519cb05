package fr.interopsr.provider;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A row of {@code vi_revocation} (migration V13): one {@link Revocation}. */
@Entity
@Table(name = "vi_revocation")
public class RevocationRecord {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "issuer")
    private String issuer;

    @Column(name = "jti")
    private String jti;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "convention_id")
    private String conventionId;

    @Column(name = "issued_before", nullable = false)
    private OffsetDateTime issuedBefore;

    @Column(name = "revoked_at", nullable = false)
    private OffsetDateTime revokedAt;

    @Column(name = "revoked_by", nullable = false)
    private String revokedBy;

    @Column(name = "kept_until", nullable = false)
    private OffsetDateTime keptUntil;

    @Column(name = "comment")
    private String comment;

    protected RevocationRecord() {}

    static RevocationRecord of(Revocation r) {
        RevocationRecord row = new RevocationRecord();
        row.id = r.id();
        row.kind = r.kind().name();
        row.issuer = r.issuer();
        row.jti = r.jti();
        row.clientId = r.clientId();
        row.conventionId = r.conventionId();
        row.issuedBefore = at(r.issuedBefore());
        row.revokedAt = at(r.revokedAt());
        row.revokedBy = r.revokedBy();
        row.keptUntil = at(r.keptUntil());
        row.comment = r.comment();
        return row;
    }

    Revocation revocation() {
        return new Revocation(
                id,
                Revocation.Kind.valueOf(kind),
                issuer,
                jti,
                clientId,
                conventionId,
                issuedBefore.toInstant(),
                revokedAt.toInstant(),
                revokedBy,
                keptUntil.toInstant(),
                comment);
    }

    /** Milliseconds, the precision every database keeps (as traces do, D-26). */
    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(instant.toEpochMilli()), ZoneOffset.UTC);
    }
}
