package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14 §2: the client a token request claims, the key of the per-client rate limit. */
class ClaimedClientIdTest {

    private static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":secret").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fromBasicOrTheForm() {
        assertEquals("demo", TokenEndpoint.claimedClientId(List.of(basic("demo")), new byte[0]));
        assertEquals(
                "form-client",
                TokenEndpoint.claimedClientId(
                        List.of(),
                        "grant_type=client_credentials&client_id=form-client".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void nothingWhenNoneIsClaimedOrTheBodyIsBroken() {
        assertNull(TokenEndpoint.claimedClientId(
                List.of(), "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII)));
        assertNull(TokenEndpoint.claimedClientId(List.of("Bearer x"), null));
        assertNull(TokenEndpoint.claimedClientId(List.of(), "client_id=%zz".getBytes(StandardCharsets.US_ASCII)));
    }
}
