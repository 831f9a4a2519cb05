package fr.interopsr.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.interopsr.platform.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Issue 14 §2: which requests the mechanism's rate limits cover (the token endpoint applies its own). */
class RateLimitGateTest {

    private static HttpServletRequest method(String method) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                RateLimitGateTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> "getMethod".equals(m.getName()) ? method : null);
    }

    @Test
    void apiAdminApiAndTheLoginPostAreLimited() {
        assertEquals(RateLimits.Door.API, RateLimitGate.door(method("GET"), "/api/v1/beneficiaries/B00001"));
        assertEquals(RateLimits.Door.ADMIN_LOGIN, RateLimitGate.door(method("GET"), "/admin/api/conventions"));
        assertEquals(RateLimits.Door.ADMIN_LOGIN, RateLimitGate.door(method("POST"), "/admin/login"));
    }

    @Test
    void theConsolePagesAndTheLoginFormAreNot() {
        assertNull(RateLimitGate.door(method("GET"), "/admin/login"));
        assertNull(RateLimitGate.door(method("GET"), "/admin/conventions"));
        assertNull(RateLimitGate.door(method("GET"), "/health/ready"));
        assertNull(RateLimitGate.door(method("POST"), "/apis"));
    }
}
