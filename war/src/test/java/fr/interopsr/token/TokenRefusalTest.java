package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** IR-6: codes and HTTP statuses. */
class TokenRefusalTest {

    @Test
    void codesAreTheInteropsRNames() {
        assertEquals("invalid_request", TokenErrorCode.INVALID_REQUEST.code());
        assertEquals("invalid_client", TokenErrorCode.INVALID_CLIENT.code());
        assertEquals("invalid_grant", TokenErrorCode.INVALID_GRANT.code());
        assertEquals("unauthorized_client", TokenErrorCode.UNAUTHORIZED_CLIENT.code());
        assertEquals("unsupported_grant_type", TokenErrorCode.UNSUPPORTED_GRANT_TYPE.code());
        assertEquals("invalid_scope", TokenErrorCode.INVALID_SCOPE.code());
        assertEquals("temporarily_unavailable", TokenErrorCode.TEMPORARILY_UNAVAILABLE.code());
    }

    @Test
    void everyProtocolErrorIs400() {
        for (TokenErrorCode c : TokenErrorCode.values()) {
            if (c != TokenErrorCode.TEMPORARILY_UNAVAILABLE) {
                assertEquals(400, TokenRefusal.of(c, "x").httpStatus(), c.name());
            }
        }
        assertEquals(
                503,
                TokenRefusal.of(TokenErrorCode.TEMPORARILY_UNAVAILABLE, "x").httpStatus());
    }

    @Test
    void basicFailureIsInvalidClient401WithChallenge() {
        TokenRefusal r = TokenRefusal.basicClient("client authentication failed", "wrong secret for x");
        assertEquals(TokenErrorCode.INVALID_CLIENT, r.code());
        assertEquals(401, r.httpStatus());
        assertTrue(r.basicChallenge());
        assertEquals("client authentication failed", r.description());
        assertEquals("wrong secret for x", r.traceDetail());
    }

    @Test
    void invalidClientWithoutBasicIs400WithoutChallenge() {
        TokenRefusal r = TokenRefusal.of(TokenErrorCode.INVALID_CLIENT, "d");
        assertEquals(400, r.httpStatus());
        assertFalse(r.basicChallenge());
        assertEquals("d", r.traceDetail(), "the trace falls back to the description");
    }
}
