package fr.interopsr.trace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The head of a hash chain (table {@code trace_chain_head}): its last sequence number and hash. */
@Entity
@Table(name = "trace_chain_head")
public class TraceChainHead {

    @Id
    private String chain;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_hash", nullable = false)
    private String lastHash;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected TraceChainHead() {}

    TraceChainHead(String chain, long lastSeq, String lastHash, OffsetDateTime updatedAt) {
        this.chain = chain;
        this.lastSeq = lastSeq;
        this.lastHash = lastHash;
        this.updatedAt = updatedAt;
    }

    void advance(long seq, String hash, OffsetDateTime when) {
        this.lastSeq = seq;
        this.lastHash = hash;
        this.updatedAt = when;
    }

    public String chain() {
        return chain;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public String lastHash() {
        return lastHash;
    }
}
