package fr.interopsr.provider;

/**
 * The {@code error} codes of a Bearer challenge at the data provider (IR-8, RFC 6750 §3.1). Every one of them is a
 * 401 under Interops-R, {@code insufficient_scope} included (D-11).
 */
public enum BearerError {
    /** Missing or invalid parameter, VI sent twice or by another method than {@code Authorization: Bearer} (IR-7). */
    INVALID_REQUEST("invalid_request"),
    /** The VI is malformed, expired, or fails any step of §3.5.2. */
    INVALID_TOKEN("invalid_token"),
    /** The VI is valid but its scopes do not allow the request (IR-12, D-11). */
    INSUFFICIENT_SCOPE("insufficient_scope");

    private final String wireName;

    BearerError(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the challenge's {@code error} parameter, e.g. {@code invalid_token}. */
    public String wireName() {
        return wireName;
    }
}
