package fr.interopsr.trace;

import java.time.Instant;

/**
 * What the trace query and the export select (CONTRACT.md "Administration"): each criterion null
 * when absent. {@code from} is inclusive, {@code to} exclusive; {@code jti}, {@code convention} and
 * {@code correlationId} match exactly; {@code traceparent} matches a whole header exactly, or, given as a
 * trace id alone (32 hexadecimal digits), every {@code traceparent} of version 00 with that trace id (issue 17 §4).
 */
public record TraceFilter(
        TraceKind kind,
        TraceStatus status,
        Instant from,
        Instant to,
        String jti,
        String convention,
        String correlationId,
        String traceparent) {

    public static final TraceFilter ALL = new TraceFilter(null, null, null, null, null, null);

    /** Without the correlation criteria. */
    public TraceFilter(TraceKind kind, TraceStatus status, Instant from, Instant to, String jti, String convention) {
        this(kind, status, from, to, jti, convention, null, null);
    }

    /** Whether {@code traceparent} is a trace id alone (32 lowercase hexadecimal digits) rather than a header. */
    public static boolean isTraceId(String value) {
        return value != null
                && value.length() == 32
                && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
