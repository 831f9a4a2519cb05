package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.interopsr.platform.RecordedResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint's one place where a refusal becomes HTTP (IR-6), for the refusal of an outage (issue 16): 503,
 * {@code Retry-After}, the JSON error, no challenge.
 */
class TokenEndpointErrorTest {

    @Test
    void temporarilyUnavailableIs503WithRetryAfterAndJson() {
        RecordedResponse r = new RecordedResponse();
        TokenEndpoint.error(
                r.response(),
                TokenRefusal.of(
                        TokenErrorCode.TEMPORARILY_UNAVAILABLE,
                        "the service cannot reach its database; nothing was issued"));
        assertEquals(503, r.status);
        assertEquals("application/json", r.contentType);
        assertEquals(Map.of("Retry-After", "5", "Cache-Control", "no-store", "Pragma", "no-cache"), r.headers);
        assertEquals(
                "{\"error\":\"temporarily_unavailable\",\"error_description\":"
                        + "\"the service cannot reach its database; nothing was issued\"}",
                r.text());
    }
}
