package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Asserts the exact refusal: code, HTTP status and whether a Basic challenge goes with it. */
final class TokenAssertions {

    private TokenAssertions() {}

    static TokenRefusal refused(TokenErrorCode code, int status, boolean challenge, Executable call) {
        TokenRefusal r = assertThrows(TokenRefusal.class, call);
        assertEquals(code, r.code(), () -> "code; refusal was: " + r.description() + " / " + r.traceDetail());
        assertEquals(status, r.httpStatus(), "HTTP status");
        assertEquals(challenge, r.basicChallenge(), "Basic challenge");
        return r;
    }

    /** A plain 400 refusal without challenge. */
    static TokenRefusal refused(TokenErrorCode code, Executable call) {
        return refused(code, code.status(), false, call);
    }
}
