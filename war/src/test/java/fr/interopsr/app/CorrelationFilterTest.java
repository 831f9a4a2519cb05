package fr.interopsr.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import fr.interopsr.platform.Correlation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 17 §4: resources find the call's correlation among the JAX-RS request properties. */
class CorrelationFilterTest {

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Map<String, Object> attributes) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getAttribute", "getProperty" -> {
                    return attributes.get((String) args[0]);
                }
                case "setAttribute", "setProperty" -> {
                    attributes.put((String) args[0], args[1]);
                    return null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    @Test
    void theCorrelationIsAPropertyOfTheRequestContext() {
        Correlation c = Correlation.of(List.of("6f9619ff-8b86-4011-b42d-00c04fc964ff"), List.of());
        Map<String, Object> attributes = new HashMap<>(Map.of(Correlation.PROPERTY, c));
        Map<String, Object> properties = new HashMap<>();
        CorrelationFilter filter = new CorrelationFilter();
        filter.servletRequest = fake(HttpServletRequest.class, attributes);
        filter.filter(fake(ContainerRequestContext.class, properties));
        assertSame(c, properties.get(Correlation.PROPERTY));
        assertEquals("6f9619ff-8b86-4011-b42d-00c04fc964ff", properties.get(Correlation.ID_PROPERTY));
    }
}
