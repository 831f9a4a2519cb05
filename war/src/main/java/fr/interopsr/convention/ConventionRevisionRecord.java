package fr.interopsr.convention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One revision of a convention (table {@code convention_revision}), immutable once written
 * (D-14): the whole document as canonical JSON, its hash, who made it, when and why.
 */
@Entity
@Table(name = "convention_revision")
public class ConventionRevisionRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "convention_revision_ids")
    @SequenceGenerator(name = "convention_revision_ids", sequenceName = "convention_revision_seq", allocationSize = 1)
    private Long seq;

    @Column(name = "convention_id", nullable = false, updatable = false)
    private String conventionId;

    @Column(nullable = false, updatable = false)
    private int revision;

    @Column(nullable = false, updatable = false)
    private String status;

    @Column(nullable = false, updatable = false)
    private String document;

    @Column(name = "content_hash", nullable = false, updatable = false)
    private String contentHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "change_comment", updatable = false)
    private String changeComment;

    protected ConventionRevisionRecord() {}

    ConventionRevisionRecord(
            String conventionId,
            int revision,
            String status,
            String document,
            String contentHash,
            OffsetDateTime createdAt,
            String createdBy,
            String changeComment) {
        this.conventionId = conventionId;
        this.revision = revision;
        this.status = status;
        this.document = document;
        this.contentHash = contentHash;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.changeComment = changeComment;
    }

    public Long seq() {
        return seq;
    }

    public String conventionId() {
        return conventionId;
    }

    public int revision() {
        return revision;
    }

    public String status() {
        return status;
    }

    public String document() {
        return document;
    }

    public String contentHash() {
        return contentHash;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public String changeComment() {
        return changeComment;
    }
}
