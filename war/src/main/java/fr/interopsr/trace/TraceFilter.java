package fr.interopsr.trace;

import java.time.Instant;

/**
 * What the trace query and the export select (CONTRACT.md "Administration"): each criterion null
 * when absent. {@code from} is inclusive, {@code to} exclusive; {@code jti} and {@code convention}
 * match exactly.
 */
public record TraceFilter(TraceKind kind, TraceStatus status, Instant from, Instant to, String jti, String convention) {

    public static final TraceFilter ALL = new TraceFilter(null, null, null, null, null, null);
}
