package fr.interopsr.trace;

/** What a trace records (IR-18, IR-19, D-17). */
public enum TraceKind {
    VI_GENERATION,
    /**
     * Issue 17 §3: a user's authentication, as the ID token of a token exchange proves it (IR-18's user
     * authentication trace): subject = the user's identifier local to the OpenID provider, authMethod = its
     * {@code acr}, issuer = the provider's issuer. No column of its own (docs/traces.md).
     */
    USER_AUTHENTICATION,
    VI_VERIFICATION,
    TRANSACTION,
    ADMIN_ACTION,
    /**
     * Issue 18 §3: a dry-run access decision (AuthZEN evaluation, or the replay of a recorded call): a question asked
     * of the data provider's rules, never a call served. On the node's chain like the requests; no column of its own
     * (docs/traces.md), so the record format (D-26) is unchanged.
     */
    ACCESS_DECISION
}
