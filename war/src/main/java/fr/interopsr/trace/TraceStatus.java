package fr.interopsr.trace;

/** The outcome a trace records (IR-18: success or failure). */
public enum TraceStatus {
    SUCCESS,
    FAILURE
}
