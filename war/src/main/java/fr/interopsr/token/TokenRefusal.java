package fr.interopsr.token;

/**
 * A refused token request: the code and description the client sees (US-ASCII, IR-6) and the
 * precise reason that only the trace keeps.
 */
public final class TokenRefusal extends Exception {

    private final TokenErrorCode code;
    private final String description;
    private final boolean basicChallenge;

    private TokenRefusal(TokenErrorCode code, String description, String traceDetail, boolean basicChallenge) {
        super(traceDetail == null ? description : traceDetail, null, false, false);
        this.code = code;
        this.description = description;
        this.basicChallenge = basicChallenge;
    }

    public static TokenRefusal of(TokenErrorCode code, String description) {
        return new TokenRefusal(code, description, null, false);
    }

    public static TokenRefusal of(TokenErrorCode code, String description, String traceDetail) {
        return new TokenRefusal(code, description, traceDetail, false);
    }

    /** invalid_client answered with 401 and {@code WWW-Authenticate: Basic} (IR-6). */
    public static TokenRefusal basicClient(String description, String traceDetail) {
        return new TokenRefusal(TokenErrorCode.INVALID_CLIENT, description, traceDetail, true);
    }

    public TokenErrorCode code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** What the trace records: more precise than the description. */
    public String traceDetail() {
        return getMessage();
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }

    public int httpStatus() {
        return basicChallenge ? 401 : code.status();
    }
}
