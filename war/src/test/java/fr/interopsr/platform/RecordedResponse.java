package fr.interopsr.platform;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** For unit tests of servlet answers: an {@link HttpServletResponse} that records what it received. */
public final class RecordedResponse {

    public int status;
    public String contentType;
    public int contentLength = -1;
    public boolean flushed;
    public final Map<String, String> headers = new LinkedHashMap<>();
    public final ByteArrayOutputStream body = new ByteArrayOutputStream();
    public boolean failWrites;

    public HttpServletResponse response() {
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
                RecordedResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
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

    public String text() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
