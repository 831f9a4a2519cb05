package fr.interopsr.trace;

/** What a trace records (IR-18, IR-19, D-17). */
public enum TraceKind {
    VI_GENERATION,
    VI_VERIFICATION,
    TRANSACTION,
    ADMIN_ACTION
}
