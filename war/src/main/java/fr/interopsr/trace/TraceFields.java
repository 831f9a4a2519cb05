package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The exchange format of a trace (D-20, {@code docs/traces.md}): the fields of every record, the
 * field set of each kind, and the rendering as one JSON object or one CSV row. A JSON object has
 * the common fields and its kind's fields (null when empty), plus any other column that happens
 * to be set, so that nothing stored is ever left out; a CSV row has every field.
 */
public final class TraceFields {

    /** Every field, in the order of the export (CSV columns). */
    public enum Field {
        ID("id", TraceRecord::id),
        KIND("kind", TraceRecord::kind),
        OCCURRED_AT("occurredAt", r -> time(r.occurredAt())),
        NODE("node", TraceRecord::node),
        STATUS("status", TraceRecord::status),
        ERROR_CODE("errorCode", TraceRecord::errorCode),
        DETAIL("detail", TraceRecord::detail),
        JTI("jti", TraceRecord::jti),
        ISSUER("issuer", TraceRecord::issuer),
        AUDIENCE("audience", TraceRecord::audience),
        SERVICE_ID("serviceId", TraceRecord::serviceId),
        SUBJECT("subject", TraceRecord::subject),
        CLIENT_ID("clientId", TraceRecord::clientId),
        SCOPES("scopes", TraceRecord::scopes),
        AUTH_METHOD("authMethod", TraceRecord::authMethod),
        REMOTE_ADDRESS("remoteAddress", TraceRecord::remoteAddress),
        CERTIFICATE_SHA256("certificateSha256", TraceRecord::certificateSha256),
        CONVENTION_ID("conventionId", TraceRecord::conventionId),
        CONVENTION_REVISION("conventionRevision", TraceRecord::conventionRevision),
        VI("vi", TraceRecord::vi),
        STEP("step", TraceRecord::step),
        HTTP_METHOD("httpMethod", TraceRecord::httpMethod),
        TARGET_URL("targetUrl", TraceRecord::targetUrl),
        HTTP_STATUS("httpStatus", TraceRecord::httpStatus),
        RESOURCE_ID("resourceId", TraceRecord::resourceId),
        ACTOR("actor", TraceRecord::actor),
        REVISION_BEFORE("revisionBefore", TraceRecord::revisionBefore),
        CHAIN("chain", TraceRecord::chainName),
        CHAIN_SEQ("chainSeq", TraceRecord::chainSeq),
        RECORD_HASH("recordHash", TraceRecord::recordHash),
        FORMAT("format", TraceRecord::format),
        KEY_ID("keyId", TraceRecord::keyId),
        CORRELATION_ID("correlationId", TraceRecord::correlationId),
        TRACEPARENT("traceparent", TraceRecord::traceparent),
        CORRELATION_NOTE("correlationNote", TraceRecord::correlationNote);

        private final String jsonName;
        private final Function<TraceRecord, Object> value;

        Field(String jsonName, Function<TraceRecord, Object> value) {
            this.jsonName = jsonName;
            this.value = value;
        }

        public String jsonName() {
            return jsonName;
        }

        public Object of(TraceRecord r) {
            return value.apply(r);
        }
    }

    /** In every record, whatever its kind. */
    public static final Set<Field> COMMON = EnumSet.of(
            Field.ID,
            Field.KIND,
            Field.OCCURRED_AT,
            Field.NODE,
            Field.STATUS,
            Field.ERROR_CODE,
            Field.DETAIL,
            Field.CONVENTION_ID,
            Field.CONVENTION_REVISION,
            Field.CHAIN,
            Field.CHAIN_SEQ,
            Field.RECORD_HASH,
            Field.FORMAT,
            Field.KEY_ID,
            Field.CORRELATION_ID,
            Field.TRACEPARENT,
            Field.CORRELATION_NOTE);

    private static final Map<TraceKind, Set<Field>> BY_KIND = new EnumMap<>(TraceKind.class);

    static {
        BY_KIND.put(
                TraceKind.VI_GENERATION,
                with(
                        Field.JTI,
                        Field.ISSUER,
                        Field.AUDIENCE,
                        Field.SERVICE_ID,
                        Field.SUBJECT,
                        Field.CLIENT_ID,
                        Field.SCOPES,
                        Field.AUTH_METHOD,
                        Field.REMOTE_ADDRESS,
                        Field.CERTIFICATE_SHA256));
        BY_KIND.put(
                TraceKind.USER_AUTHENTICATION,
                with(
                        Field.ISSUER,
                        Field.AUDIENCE,
                        Field.SUBJECT,
                        Field.CLIENT_ID,
                        Field.AUTH_METHOD,
                        Field.REMOTE_ADDRESS));
        BY_KIND.put(
                TraceKind.VI_VERIFICATION,
                with(
                        Field.JTI,
                        Field.ISSUER,
                        Field.AUDIENCE,
                        Field.SERVICE_ID,
                        Field.SCOPES,
                        Field.REMOTE_ADDRESS,
                        Field.CERTIFICATE_SHA256,
                        Field.VI,
                        Field.STEP,
                        Field.HTTP_METHOD,
                        Field.TARGET_URL));
        BY_KIND.put(
                TraceKind.TRANSACTION,
                with(
                        Field.JTI,
                        Field.ISSUER,
                        Field.SERVICE_ID,
                        Field.SUBJECT,
                        Field.CLIENT_ID,
                        Field.SCOPES,
                        Field.HTTP_METHOD,
                        Field.TARGET_URL,
                        Field.HTTP_STATUS,
                        Field.RESOURCE_ID));
        BY_KIND.put(
                TraceKind.ADMIN_ACTION,
                with(Field.ACTOR, Field.STEP, Field.REVISION_BEFORE, Field.CLIENT_ID, Field.CERTIFICATE_SHA256));
        BY_KIND.put(
                TraceKind.ACCESS_DECISION,
                with(
                        Field.ACTOR,
                        Field.AUTH_METHOD,
                        Field.SUBJECT,
                        Field.CLIENT_ID,
                        Field.SCOPES,
                        Field.STEP,
                        Field.HTTP_METHOD,
                        Field.TARGET_URL,
                        Field.REMOTE_ADDRESS,
                        Field.CERTIFICATE_SHA256));
    }

    private static final JsonBuilderFactory JSON = Jsonp.PROVIDER.createBuilderFactory(Map.of());
    /** RFC 3339, UTC, milliseconds (what the journal stores). */
    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private TraceFields() {}

    private static Set<Field> with(Field... fields) {
        Set<Field> s = EnumSet.copyOf(COMMON);
        s.addAll(List.of(fields));
        return Collections.unmodifiableSet(s);
    }

    /** The field set of a kind (the common fields included). */
    public static Set<Field> of(TraceKind kind) {
        return kind == null ? COMMON : BY_KIND.get(kind);
    }

    /** The CSV header: every field. */
    public static List<String> header() {
        List<String> names = new ArrayList<>();
        for (Field f : Field.values()) {
            names.add(f.jsonName());
        }
        return names;
    }

    /** A CSV row: every field, in header order; empty for null. */
    public static List<String> row(TraceRecord r) {
        List<String> cells = new ArrayList<>(Field.values().length);
        for (Field f : Field.values()) {
            Object v = f.of(r);
            cells.add(v == null ? "" : v.toString());
        }
        return cells;
    }

    /**
     * The record as one JSON object: its kind's field set (null when empty) and any other column
     * that is set. {@code vi} replaces the stored VI when not null (the query's masked form).
     */
    public static JsonObjectBuilder json(TraceRecord r, String vi) {
        Set<Field> set = of(r.kind());
        JsonObjectBuilder o = JSON.createObjectBuilder();
        for (Field f : Field.values()) {
            Object v = f == Field.VI && vi != null ? vi : f.of(r);
            if (v == null) {
                if (set.contains(f)) {
                    o.addNull(f.jsonName());
                }
            } else if (v instanceof Long n) {
                o.add(f.jsonName(), n.longValue());
            } else if (v instanceof Integer n) {
                o.add(f.jsonName(), n.intValue());
            } else {
                o.add(f.jsonName(), v.toString());
            }
        }
        return o;
    }

    /** RFC 3339 in UTC with milliseconds, e.g. {@code 2026-11-23T10:00:00.123Z}. */
    public static String time(OffsetDateTime t) {
        return t == null ? null : UTC_MILLIS.format(t.toInstant());
    }
}
