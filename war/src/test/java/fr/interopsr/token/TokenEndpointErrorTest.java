package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint's one place where a refusal becomes HTTP (IR-6), for the refusal of an outage (issue 16): 503,
 * {@code Retry-After}, the JSON error, no challenge.
 */
class TokenEndpointErrorTest {

    @Test
    void temporarilyUnavailableIs503WithRetryAfterAndJson() {
        Map<String, String> headers = new TreeMap<>();
        int[] status = {0};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status[0] = (Integer) a[0];
                        case "setHeader" -> headers.put((String) a[0], (String) a[1]);
                        case "setContentType" -> headers.put("Content-Type", (String) a[0]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                            // length, flush
                        }
                    }
                    return null;
                });
        TokenEndpoint.error(
                response,
                TokenRefusal.of(
                        TokenErrorCode.TEMPORARILY_UNAVAILABLE,
                        "the service cannot reach its database; nothing was issued"));
        assertEquals(503, status[0]);
        assertEquals(
                Map.of(
                        "Retry-After", "5",
                        "Content-Type", "application/json",
                        "Cache-Control", "no-store",
                        "Pragma", "no-cache"),
                headers);
        assertEquals(
                "{\"error\":\"temporarily_unavailable\",\"error_description\":"
                        + "\"the service cannot reach its database; nothing was issued\"}",
                body.toString(StandardCharsets.UTF_8));
    }
}
