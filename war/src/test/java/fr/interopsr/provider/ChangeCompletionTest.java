package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceStatus;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.transaction.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 14 §4, without a container: the traces of a change and of its rollback, and the admission given back. */
class ChangeCompletionTest {

    static final Instant AT = Instant.parse("2026-12-05T11:00:00Z");
    static final TransactionAction ACTION = new TransactionAction(
            "uuid:1",
            "https://idp.example",
            "app",
            "https://provider.example/svc",
            "read write",
            "demo",
            3,
            "PUT",
            "https://localhost/interops/api/v1/beneficiaries/B00001/allowance",
            "api/v1/beneficiaries/B00001/allowance",
            "B00001");

    private final List<TraceEntry> recorded = new ArrayList<>();
    private final AtomicInteger released = new AtomicInteger();

    private ChangeCompletion completion(ChangeCompletion.Journal journal) {
        return new ChangeCompletion(ACTION, journal, released::incrementAndGet, Clock.fixed(AT, ZoneOffset.UTC));
    }

    @Test
    void theTraceOfAChangeRecordsWhatTheResourceIsAboutToAnswer() {
        TraceEntry ok = ACTION.answered(200, AT);
        assertEquals(TraceKind.TRANSACTION, ok.kind());
        assertEquals(TraceStatus.SUCCESS, ok.status());
        assertEquals(200, ok.httpStatus());
        assertEquals("PUT", ok.httpMethod());
        assertEquals("B00001", ok.resourceId());
        assertEquals("app", ok.clientId());
        assertNull(ok.step());
        TraceEntry refused = ACTION.answered(404, AT);
        assertEquals(TraceStatus.FAILURE, refused.status());
        assertEquals("404", refused.errorCode());
        assertEquals("PUT api/v1/beneficiaries/B00001/allowance answered 404", refused.detail());
    }

    @Test
    void aCommittedChangeLeavesNoSecondTrace() {
        ChangeCompletion c = completion(recorded::add);
        c.traced(ACTION.answered(200, AT));
        c.afterCompletion(Status.STATUS_COMMITTED);
        assertEquals(List.of(), recorded);
        assertEquals(1, released.get());
    }

    @Test
    void aRollbackAfterTheTraceIsMarkedByASecondTrace() {
        ChangeCompletion c = completion(recorded::add);
        c.traced(ACTION.answered(200, AT));
        c.afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(1, recorded.size());
        TraceEntry marker = recorded.get(0);
        assertEquals(TraceKind.TRANSACTION, marker.kind());
        assertEquals(TraceStatus.FAILURE, marker.status());
        assertEquals(TransactionAction.ROLLBACK_STEP, marker.step());
        assertEquals(TransactionAction.ROLLED_BACK, marker.errorCode());
        assertNull(marker.httpStatus(), "the resource's answer was not given");
        assertEquals("uuid:1", marker.jti());
        assertEquals("B00001", marker.resourceId());
        assertTrue(marker.detail().contains("answered 200"), marker.detail());
        assertTrue(marker.detail().contains("did not happen"), marker.detail());
        assertEquals(1, released.get());
    }

    @Test
    void anUnknownOutcomeIsMarkedAsSuch() {
        ChangeCompletion c = completion(recorded::add);
        c.traced(ACTION.answered(200, AT));
        c.afterCompletion(Status.STATUS_UNKNOWN);
        assertEquals(TransactionAction.OUTCOME_UNKNOWN, recorded.get(0).errorCode());
    }

    @Test
    void aRollbackBeforeAnyTraceLeavesNone() {
        ChangeCompletion c = completion(recorded::add);
        c.afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of(), recorded);
        assertEquals(1, released.get());
    }

    @Test
    void theAdmissionIsGivenBackEvenWhenTheMarkerCannotBeCommitted() {
        ChangeCompletion c = completion(e -> {
            throw new TraceUnavailable("down", null);
        });
        c.traced(ACTION.answered(200, AT));
        c.afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(1, released.get());
    }

    @Test
    void theStatusAboutToBeAnsweredIsElse200Or204() {
        // a Response's own status needs a JAX-RS runtime: DataProviderIT and TransactionTracePostgresIT cover it
        assertEquals(200, TracedChangeInterceptor.statusOf("{}"));
        assertEquals(204, TracedChangeInterceptor.statusOf(null));
    }
}
