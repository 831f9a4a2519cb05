package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests of {@link JsonAnswer}: the one writer of a JSON answer, with the same cache headers everywhere (IR-3). */
class JsonAnswerTest {

    /** What a response received. */
    static final class Recorded {
        int status;
        String contentType;
        int contentLength = -1;
        boolean flushed;
        final Map<String, String> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean failWrites;

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}

                @Override
                public void write(int b) throws IOException {
                    if (failWrites) {
                        throw new IOException("broken pipe");
                    }
                    body.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(
                    JsonAnswerTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) a[0];
                            case "setHeader" -> headers.put((String) a[0], (String) a[1]);
                            case "setContentType" -> contentType = (String) a[0];
                            case "setContentLength" -> contentLength = (Integer) a[0];
                            case "getOutputStream" -> {
                                return out;
                            }
                            case "flushBuffer" -> flushed = true;
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                        return null;
                    });
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void anErrorHasItsStatusBodyTypeLengthAndBothCacheHeaders() {
        Recorded r = new Recorded();
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
        Recorded r = new Recorded();
        JsonAnswer.write(r.response(), 200, "{\"a\":\"été\"}");
        assertEquals("{\"a\":\"été\"}", r.text());
        assertEquals(13, r.contentLength);
    }

    @Test
    void aClientThatWentAwayIsNotAnError() {
        Recorded r = new Recorded();
        r.failWrites = true;
        JsonAnswer.error(r.response(), 503, "temporarily_unavailable", "later");
        assertEquals(503, r.status);
    }

    @Test
    void noStoreAloneForAnswersThatAreNotJson() {
        Recorded r = new Recorded();
        JsonAnswer.noStore(r.response());
        assertEquals(Map.of("Cache-Control", "no-store", "Pragma", "no-cache"), r.headers);
    }
}
