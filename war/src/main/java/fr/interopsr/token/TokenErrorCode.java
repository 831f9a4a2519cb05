package fr.interopsr.token;

/**
 * The error codes of the token endpoint, as Interops-R §3.3 defines them (IR-6), with their HTTP
 * status. The one place where a protocol error becomes a code; {@link TokenEndpoint} writes it.
 */
public enum TokenErrorCode {
    /** IR-6: a parameter other than grant_type missing or invalid, repeated, or several methods (D-8). */
    INVALID_REQUEST("invalid_request", 400),
    /** IR-6: authentication failed; 401 with a challenge when HTTP Basic was used or nothing was sent. */
    INVALID_CLIENT("invalid_client", 400),
    /** IR-6: grant_type missing, malformed or in the wrong case. */
    INVALID_GRANT("invalid_grant", 400),
    /** IR-6: the client is not allowed this flow (no active convention of this IdP: D-7). */
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    /** IR-6: a well-formed grant type this IdP does not support. */
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    /** IR-5, IR-6, IR-16: scopes invalid, unknown, malformed or not allowed. */
    INVALID_SCOPE("invalid_scope", 400),
    /** The trace journal cannot commit: nothing is issued (IR-18, issue 5). */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503);

    private final String code;
    private final int status;

    TokenErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
