package fr.interopsr.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The journal's batch in plain JDBC (D-25 allows it for the journal's batched inserts): the
 * records of one group commit sent as one JDBC batch, and the chain's new head, on the caller's
 * connection and in its transaction. Ids come from {@code trace_record_seq} in blocks of 50 taken
 * as the JPA sequence generator takes them (the value read is the block's last id), so the admin
 * chain's records, persisted through JPA, never collide with these. Used by one writer thread.
 */
final class TraceRows {

    static final String INSERT = "INSERT INTO trace_record (id, kind, occurred_at, node, status, error_code,"
            + " detail, jti, issuer, audience, service_id, subject, scopes, client_id, convention_id,"
            + " convention_revision, remote_address, auth_method, certificate_sha256, vi, step, http_method,"
            + " target_url, http_status, resource_id, actor, revision_before, chain, chain_seq, record_hash,"
            + " format, key_id, correlation_id, traceparent, correlation_note)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?)";
    /** INCREMENT BY of {@code trace_record_seq} (migration V1) and the entity's allocationSize. */
    static final int ID_BLOCK = 50;

    private String nextIdQuery;
    private long nextId;
    private long lastId = -1;

    /** The statement that takes the next block of ids, for the database this connection reaches. */
    static String nextIdQuery(String databaseProductName) {
        String product = databaseProductName == null ? "" : databaseProductName.toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return "SELECT nextval('trace_record_seq')";
        }
        return "VALUES NEXT VALUE FOR trace_record_seq"; // SQL:2003, H2
    }

    /** Inserts the records (ids assigned here) as one JDBC batch; commits nothing. */
    synchronized void insert(Connection c, List<TraceRecord> records) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(INSERT)) {
            for (TraceRecord r : records) {
                bind(p, nextId(c), r);
                p.addBatch();
            }
            int[] counts = p.executeBatch();
            if (counts.length != records.size()) {
                throw new SQLException(counts.length + " rows reported for a batch of " + records.size());
            }
        }
    }

    /** Moves the chain's head to (seq, hash), creating its row for a new chain; commits nothing. */
    static void advanceHead(Connection c, String chain, long seq, String hash, OffsetDateTime now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE trace_chain_head SET last_seq = ?, last_hash = ?, updated_at = ? WHERE chain = ?")) {
            p.setLong(1, seq);
            p.setString(2, hash);
            p.setObject(3, now);
            p.setString(4, chain);
            if (p.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO trace_chain_head (chain, last_seq, last_hash, updated_at) VALUES (?, ?, ?, ?)")) {
            p.setString(1, chain);
            p.setLong(2, seq);
            p.setString(3, hash);
            p.setObject(4, now);
            p.executeUpdate();
        }
    }

    private long nextId(Connection c) throws SQLException {
        if (nextId > lastId) {
            if (nextIdQuery == null) {
                nextIdQuery = nextIdQuery(c.getMetaData().getDatabaseProductName());
            }
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(nextIdQuery)) {
                if (!r.next()) {
                    throw new SQLException("trace_record_seq gave no value");
                }
                lastId = r.getLong(1);
                nextId = lastId - ID_BLOCK + 1;
            }
        }
        return nextId++;
    }

    /** Every column of the entity, from the record's own accessors, in the order of {@link #INSERT}. */
    static void bind(PreparedStatement p, long id, TraceRecord r) throws SQLException {
        int i = 1;
        p.setLong(i++, id);
        p.setString(i++, r.kind().name());
        p.setObject(i++, r.occurredAt());
        p.setString(i++, r.node());
        p.setString(i++, r.status().name());
        p.setString(i++, r.errorCode());
        p.setString(i++, r.detail());
        p.setString(i++, r.jti());
        p.setString(i++, r.issuer());
        p.setString(i++, r.audience());
        p.setString(i++, r.serviceId());
        p.setString(i++, r.subject());
        p.setString(i++, r.scopes());
        p.setString(i++, r.clientId());
        p.setString(i++, r.conventionId());
        setInteger(p, i++, r.conventionRevision());
        p.setString(i++, r.remoteAddress());
        p.setString(i++, r.authMethod());
        p.setString(i++, r.certificateSha256());
        p.setString(i++, r.vi());
        p.setString(i++, r.step());
        p.setString(i++, r.httpMethod());
        p.setString(i++, r.targetUrl());
        setInteger(p, i++, r.httpStatus());
        p.setString(i++, r.resourceId());
        p.setString(i++, r.actor());
        setInteger(p, i++, r.revisionBefore());
        p.setString(i++, r.chainName());
        p.setLong(i++, r.chainSeq());
        p.setString(i++, r.recordHash());
        p.setInt(i++, r.format());
        p.setString(i++, r.keyId());
        p.setString(i++, r.correlationId());
        p.setString(i++, r.traceparent());
        p.setString(i, r.correlationNote());
    }

    private static void setInteger(PreparedStatement p, int i, Integer v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setInt(i, v);
        }
    }
}
