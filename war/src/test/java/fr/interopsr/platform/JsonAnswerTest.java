package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests of {@link JsonAnswer}: the one writer of a JSON answer, with the same cache headers everywhere (IR-3). */
class JsonAnswerTest {

    @Test
    void anErrorHasItsStatusBodyTypeLengthAndBothCacheHeaders() {
        RecordedResponse r = new RecordedResponse();
        JsonAnswer.error(r.response(), 400, "invalid_request", "HTTPS required");
        assertEquals(400, r.status);
        assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"HTTPS required\"}", r.text());
        assertEquals("application/json", r.contentType);
        assertEquals(r.body.size(), r.contentLength);
        assertEquals(Map.of("Cache-Control", "no-store", "Pragma", "no-cache"), r.headers);
        assertTrue(r.flushed, "the answer is committed at once");
    }

    @Test
    void bodiesWithoutDescriptionOrWithoutError() {
        assertEquals("{\"error\":\"invalid_token\"}", JsonAnswer.errorBody("invalid_token", null));
        assertEquals("{}", JsonAnswer.errorBody(null, null), "a 401 without a VI names no error (IR-8)");
        assertEquals("{}", JsonAnswer.errorBody(null, "ignored"));
    }

    @Test
    void theLengthCountsBytesNotCharacters() {
        RecordedResponse r = new RecordedResponse();
        JsonAnswer.write(r.response(), 200, "{\"a\":\"été\"}");
        assertEquals("{\"a\":\"été\"}", r.text());
        assertEquals(13, r.contentLength);
    }

    @Test
    void aClientThatWentAwayIsNotAnError() {
        RecordedResponse r = new RecordedResponse();
        r.failWrites = true;
        JsonAnswer.error(r.response(), 503, "temporarily_unavailable", "later");
        assertEquals(503, r.status);
    }

    @Test
    void noStoreAloneForAnswersThatAreNotJson() {
        RecordedResponse r = new RecordedResponse();
        JsonAnswer.noStore(r.response());
        assertEquals(Map.of("Cache-Control", "no-store", "Pragma", "no-cache"), r.headers);
    }
}
