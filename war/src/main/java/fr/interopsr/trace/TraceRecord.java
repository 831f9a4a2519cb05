package fr.interopsr.trace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** A stored trace (table {@code trace_record}); written once, never updated. */
@Entity
@Table(name = "trace_record")
public class TraceRecord {

    /** Longest text kept in {@code detail}; longer reasons are cut, never refused. */
    static final int DETAIL_MAX = 2048;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "trace_record_ids")
    @SequenceGenerator(name = "trace_record_ids", sequenceName = "trace_record_seq", allocationSize = 50)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TraceKind kind;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    @Column(nullable = false)
    private String node;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TraceStatus status;

    @Column(name = "error_code")
    private String errorCode;

    private String detail;
    private String jti;
    private String issuer;
    private String audience;

    @Column(name = "service_id")
    private String serviceId;

    private String subject;
    private String scopes;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "convention_id")
    private String conventionId;

    @Column(name = "convention_revision")
    private Integer conventionRevision;

    @Column(name = "remote_address")
    private String remoteAddress;

    @Column(name = "auth_method")
    private String authMethod;

    @Column(name = "certificate_sha256")
    private String certificateSha256;

    private String vi;
    private String step;

    @Column(name = "http_method")
    private String httpMethod;

    @Column(name = "target_url")
    private String targetUrl;

    @Column(name = "http_status")
    private Integer httpStatus;

    @Column(name = "resource_id")
    private String resourceId;

    private String actor;

    @Column(name = "revision_before")
    private Integer revisionBefore;

    private String chain;

    @Column(name = "chain_seq")
    private Long chainSeq;

    @Column(name = "record_hash")
    private String recordHash;

    /** The version of the list of fields the hash covers (D-26); null for records of format 1. */
    private Integer format;

    /** The id of the HMAC key that chained the record (D-26); null for records of format 1. */
    @Column(name = "key_id")
    private String keyId;

    /** The call's correlation id (issue 17 §4): the caller's {@code Correlationid}, or one made for the call. */
    @Column(name = "correlation_id")
    private String correlationId;

    /** The caller's W3C {@code traceparent} header, as it came, when it was valid (issue 17 §4). */
    private String traceparent;

    /** What was replaced or dropped of the caller's {@code Correlationid} and {@code traceparent} (issue 17 §4). */
    @Column(name = "correlation_note")
    private String correlationNote;

    /**
     * The format new records are written in (D-26): 1 was every column but {@code id}, {@code record_hash},
     * {@code format} and {@code key_id} (before migration V8); 2 adds {@code format} and {@code key_id}; 3 (migration
     * V12, issue 17) adds {@code correlation_id}, {@code traceparent} and {@code correlation_note}.
     */
    public static final int CURRENT_FORMAT = 3;

    /** Longest {@code correlation_note} kept. */
    static final int CORRELATION_NOTE_MAX = 200;

    protected TraceRecord() {}

    static TraceRecord of(TraceEntry e, String node) {
        TraceRecord r = new TraceRecord();
        r.kind = e.kind();
        // milliseconds: what every database keeps exactly, so the chain hash recomputes (issue 5)
        r.occurredAt = OffsetDateTime.ofInstant(e.occurredAt().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        r.node = cut(node, 64);
        r.status = e.status();
        r.errorCode = e.errorCode();
        r.detail = cut(e.detail(), DETAIL_MAX);
        r.jti = cut(e.jti(), 128);
        r.issuer = cut(e.issuer(), 512);
        r.audience = cut(e.audience(), 512);
        r.serviceId = cut(e.serviceId(), 512);
        r.subject = cut(e.subject(), 512);
        r.scopes = cut(e.scopes(), 4096);
        r.clientId = cut(e.clientId(), 128);
        r.conventionId = e.conventionId();
        r.conventionRevision = e.conventionRevision();
        r.remoteAddress = cut(e.remoteAddress(), 64);
        r.authMethod = e.authMethod();
        r.certificateSha256 = e.certificateSha256();
        r.vi = e.vi();
        r.step = e.step();
        r.httpMethod = cut(e.httpMethod(), 16);
        r.targetUrl = cut(e.targetUrl(), 2048);
        r.httpStatus = e.httpStatus();
        r.resourceId = cut(e.resourceId(), 128);
        r.actor = cut(e.actor(), 64);
        r.revisionBefore = e.revisionBefore();
        r.correlationId = cut(e.correlationId(), 36);
        r.traceparent = cut(e.traceparent(), 256);
        r.correlationNote = cut(e.correlationNote(), CORRELATION_NOTE_MAX);
        return r;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A stored record read with plain JDBC (the audit walk and the command line: same fields as JPA). */
    public static TraceRecord fromRow(ResultSet r) throws SQLException {
        TraceRecord t = new TraceRecord();
        t.id = r.getLong("id");
        t.kind = TraceKind.valueOf(r.getString("kind"));
        t.occurredAt = r.getObject("occurred_at", OffsetDateTime.class);
        t.node = r.getString("node");
        t.status = TraceStatus.valueOf(r.getString("status"));
        t.errorCode = r.getString("error_code");
        t.detail = r.getString("detail");
        t.jti = r.getString("jti");
        t.issuer = r.getString("issuer");
        t.audience = r.getString("audience");
        t.serviceId = r.getString("service_id");
        t.subject = r.getString("subject");
        t.scopes = r.getString("scopes");
        t.clientId = r.getString("client_id");
        t.conventionId = r.getString("convention_id");
        t.conventionRevision = (Integer) r.getObject("convention_revision", Integer.class);
        t.remoteAddress = r.getString("remote_address");
        t.authMethod = r.getString("auth_method");
        t.certificateSha256 = r.getString("certificate_sha256");
        t.vi = r.getString("vi");
        t.step = r.getString("step");
        t.httpMethod = r.getString("http_method");
        t.targetUrl = r.getString("target_url");
        t.httpStatus = (Integer) r.getObject("http_status", Integer.class);
        t.resourceId = r.getString("resource_id");
        t.actor = r.getString("actor");
        t.revisionBefore = (Integer) r.getObject("revision_before", Integer.class);
        t.chain = r.getString("chain");
        long seq = r.getLong("chain_seq");
        t.chainSeq = r.wasNull() ? null : seq;
        t.recordHash = r.getString("record_hash");
        t.format = (Integer) r.getObject("format", Integer.class);
        t.keyId = r.getString("key_id");
        t.correlationId = r.getString("correlation_id");
        t.traceparent = r.getString("traceparent");
        t.correlationNote = r.getString("correlation_note");
        return t;
    }

    /** Places the record in its chain: sequence number, and the hash over the previous one (D-18). */
    void chain(String chainName, long seq, String previousHash, TraceChain hasher) {
        chain(chainName, seq, previousHash, hasher, CURRENT_FORMAT);
    }

    /** As {@link #chain(String, long, String, TraceChain)}, in an older format (tests of D-26's format change). */
    void chain(String chainName, long seq, String previousHash, TraceChain hasher, int recordFormat) {
        this.chain = chainName;
        this.chainSeq = seq;
        this.format = recordFormat == 1 ? null : recordFormat;
        this.keyId = recordFormat == 1 ? null : hasher.keyId();
        if (recordFormat < 3) { // no such columns before V12
            this.correlationId = null;
            this.traceparent = null;
            this.correlationNote = null;
        }
        this.recordHash = hasher.hash(previousHash, chainFields());
    }

    /**
     * The fields the chain hash covers, in a fixed order (D-26): every column but the id and the hash
     * itself, as the record's format lists them; times in milliseconds. Format 1: the first 28; format 2 adds
     * {@code format} and {@code keyId}; format 3 adds {@code correlationId}, {@code traceparent} and
     * {@code correlationNote} after them. A record of format 1 or 2 with a value in a column of a later format gets
     * them too (and fails its check: they were empty when it was chained). A record of a format this build does not
     * know (a later one) is hashed with every field it knows, and so reported as altered rather than passed.
     */
    public List<Object> chainFields() {
        int f = format();
        boolean formatOne = f == 1;
        // a column added after the record's format must be empty: a value put there later is hashed in, and so
        // makes the record fail its check (issue 17: a correlation id added to a record of format 1 or 2)
        boolean laterColumns = f < 3 && (correlationId != null || traceparent != null || correlationNote != null);
        // one array of the right size, no copy: the journal's hot path and the check's walk call this per record
        Object[] fields = new Object[f >= 3 || laterColumns ? 33 : formatOne ? 28 : 30];
        fields[0] = chain;
        fields[1] = chainSeq;
        fields[2] = kind;
        fields[3] = occurredAt == null ? null : occurredAt.toInstant().toEpochMilli();
        fields[4] = node;
        fields[5] = status;
        fields[6] = errorCode;
        fields[7] = detail;
        fields[8] = jti;
        fields[9] = issuer;
        fields[10] = audience;
        fields[11] = serviceId;
        fields[12] = subject;
        fields[13] = scopes;
        fields[14] = clientId;
        fields[15] = conventionId;
        fields[16] = conventionRevision;
        fields[17] = remoteAddress;
        fields[18] = authMethod;
        fields[19] = certificateSha256;
        fields[20] = vi;
        fields[21] = step;
        fields[22] = httpMethod;
        fields[23] = targetUrl;
        fields[24] = httpStatus;
        fields[25] = resourceId;
        fields[26] = actor;
        fields[27] = revisionBefore;
        if (!formatOne) {
            fields[28] = format;
            fields[29] = keyId;
        }
        if (f >= 3 || laterColumns) {
            fields[30] = correlationId;
            fields[31] = traceparent;
            fields[32] = correlationNote;
        }
        return Arrays.asList(fields);
    }

    public Long id() {
        return id;
    }

    public String chainName() {
        return chain;
    }

    public Long chainSeq() {
        return chainSeq;
    }

    public String recordHash() {
        return recordHash;
    }

    /** The record's format (D-26): 1 for records written before migration V8. */
    public int format() {
        return format == null ? 1 : format;
    }

    /** The id of the key that chained the record; null before migration V8. */
    public String keyId() {
        return keyId;
    }

    public TraceKind kind() {
        return kind;
    }

    public OffsetDateTime occurredAt() {
        return occurredAt;
    }

    public String node() {
        return node;
    }

    public TraceStatus status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String detail() {
        return detail;
    }

    public String jti() {
        return jti;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public String serviceId() {
        return serviceId;
    }

    public String subject() {
        return subject;
    }

    public String scopes() {
        return scopes;
    }

    public String clientId() {
        return clientId;
    }

    public String conventionId() {
        return conventionId;
    }

    public Integer conventionRevision() {
        return conventionRevision;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String authMethod() {
        return authMethod;
    }

    public String certificateSha256() {
        return certificateSha256;
    }

    public String vi() {
        return vi;
    }

    public String step() {
        return step;
    }

    public String httpMethod() {
        return httpMethod;
    }

    public String targetUrl() {
        return targetUrl;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public String resourceId() {
        return resourceId;
    }

    public String actor() {
        return actor;
    }

    public Integer revisionBefore() {
        return revisionBefore;
    }

    /** The call's correlation id; null before format 3 and for traces of no call. */
    public String correlationId() {
        return correlationId;
    }

    /** The caller's valid {@code traceparent}, as it came; null when none or dropped. */
    public String traceparent() {
        return traceparent;
    }

    /** What was replaced or dropped of the caller's headers; null when nothing was. */
    public String correlationNote() {
        return correlationNote;
    }
}
