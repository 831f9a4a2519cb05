package fr.interopsr.provider;

import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.RateLimits;
import fr.interopsr.platform.Unavailable;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;

/**
 * One request to a partner endpoint of this server beyond the token endpoint (introspection, revocation: issue 17),
 * and what each such request does the same way: POST only, its trace committed before its answer (a trace that
 * cannot be committed gives 503 and no other answer, D-17), its rate limit, and its outcome counted with its latency.
 */
final class PartnerCall {

    private final TraceJournal journal;
    private final PartnerEndpointMetrics metrics;
    private final HttpServletResponse response;
    private final long start = System.nanoTime();

    PartnerCall(TraceJournal journal, PartnerEndpointMetrics metrics, HttpServletResponse response) {
        this.journal = journal;
        this.metrics = metrics;
        this.response = response;
    }

    /** True for a POST; any other method is answered 405 with {@code Allow: POST} (and is neither traced nor counted). */
    static boolean isPost(HttpServletRequest http, HttpServletResponse response) {
        if ("POST".equals(http.getMethod())) {
            return true;
        }
        response.setHeader("Allow", "POST");
        JsonAnswer.error(response, 405, "invalid_request", "use POST");
        return false;
    }

    /**
     * Commits the request's trace. True when it is committed and the caller may answer; false when it could not be:
     * then this has answered 503 {@code temporarily_unavailable} and counted it.
     */
    boolean traced(TraceEntry trace) {
        try {
            journal.record(trace);
            return true;
        } catch (TraceUnavailable e) {
            Unavailable.answer(response, "the service cannot record traces");
            answered("temporarily_unavailable");
            return false;
        }
    }

    /** Traces the refusal, then answers the error and counts it under the error's code. */
    void refuse(TraceEntry trace, int status, String error, String description) {
        if (traced(trace)) {
            JsonAnswer.error(response, status, error, description);
            answered(error);
        }
    }

    /**
     * Whether the rate limit refused the request (issue 14 §2). If so, it is answered 429 and counted, and traced
     * when the limit's trace is due (at most once per key and window), without waiting for the commit: a refused
     * request is refused even when the trace cannot be written.
     */
    boolean limited(RateLimits.Refusal refusal, Supplier<TraceEntry> trace) {
        if (refusal == null) {
            return false;
        }
        if (refusal.traceDue()) {
            try {
                journal.submit(trace.get());
            } catch (TraceUnavailable e) {
                // refused anyway
            }
        }
        RateLimits.answer(response, refusal);
        answered("rate_limited");
        return true;
    }

    /** One answer with this outcome, and the request's latency. */
    void answered(String outcome) {
        metrics.answered(outcome, start);
    }
}
