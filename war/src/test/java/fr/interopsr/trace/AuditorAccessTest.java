package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 14: an auditor's read of the traces is an admin trace naming who, when and which filter. */
class AuditorAccessTest {

    private static final Instant AT = Instant.parse("2026-12-05T11:00:00Z");

    @Test
    void theTraceNamesTheAuditorTheAccessAndTheFilter() {
        TraceFilter filter = new TraceFilter(
                TraceKind.VI_VERIFICATION,
                TraceStatus.FAILURE,
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"),
                "uuid:1",
                "demo \"conv\"");
        TraceEntry e = AuditorAccess.entry("alice", AuditorAccess.QUERIED, AuditorAccess.describe(filter, 2, 50), AT);
        assertEquals(TraceKind.ADMIN_ACTION, e.kind());
        assertEquals(TraceStatus.SUCCESS, e.status());
        assertEquals(AT, e.occurredAt());
        assertEquals("alice", e.actor());
        assertEquals("traces-queried", e.step());
        assertEquals(
                "filter: kind=VI_VERIFICATION, status=FAILURE, from=2026-11-01T00:00:00Z, to=2026-12-01T00:00:00Z,"
                        + " jti=\"uuid:1\", convention=\"demo \\\"conv\\\"\"; page 2, size 50",
                e.detail());
        assertNull(e.conventionId(), "no convention: the filter is in the detail only");
        assertNull(e.revisionBefore());
        assertNull(e.vi());
    }

    @Test
    void anEmptyFilterAndAnExportAreNamed() {
        assertEquals("filter: none (every trace)", AuditorAccess.describe(TraceFilter.ALL));
        assertEquals(
                "filter: kind=TRANSACTION; format csv",
                AuditorAccess.describe(new TraceParams.Export(
                        new TraceFilter(TraceKind.TRANSACTION, null, null, null, null, null), TraceParams.Format.CSV)));
        assertEquals(
                "(unknown)",
                AuditorAccess.entry(null, AuditorAccess.VERIFIED, "every chain", AT)
                        .actor());
    }

    @Test
    void theTraceIsChainedLikeEveryAdminTrace() {
        TraceRecord r = TraceRecord.of(
                AuditorAccess.entry("bob", AuditorAccess.EXPORTED, AuditorAccess.describe(TraceFilter.ALL), AT),
                "node-a");
        assertEquals("bob", r.actor());
        assertEquals("traces-exported", r.step());
        assertEquals("filter: none (every trace)", r.detail());
    }
}
