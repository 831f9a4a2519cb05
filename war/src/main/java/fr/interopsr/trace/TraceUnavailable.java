package fr.interopsr.trace;

/** The journal could not commit a trace: the caller must not answer with what the trace was for. */
public final class TraceUnavailable extends Exception {
    public TraceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
