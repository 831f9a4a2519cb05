package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 §3: the table from URI template and method to scope ({@link ApiScopes}) says what the resources'
 * {@code @RolesAllowed} say: every annotated resource method has its row, with the same scope; no row names a method
 * that does not exist.
 */
class ScopeRoutesTest {

    private record Declared(String method, String template, String scope) {}

    private static List<Declared> declared() {
        List<Declared> out = new java.util.ArrayList<>();
        for (Class<?> resource : ApiScopes.RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String http = null;
                for (Annotation a : m.getAnnotations()) {
                    HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
                    if (h != null) {
                        http = h.value();
                    }
                }
                if (http == null) {
                    continue;
                }
                Path p = m.getAnnotation(Path.class);
                String template = strip(base) + (p == null ? "" : "/" + strip(p.value()));
                RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
                if (roles == null) {
                    roles = resource.getAnnotation(RolesAllowed.class);
                }
                assertTrue(roles != null && roles.value().length == 1, m + " must need exactly one scope");
                out.add(new Declared(http, template, roles.value()[0]));
            }
        }
        return out;
    }

    private static String strip(String s) {
        return s.replaceAll("^/+|/+$", "");
    }

    @Test
    void everyAnnotatedMethodHasItsRowWithTheSameScope() {
        List<Declared> methods = declared();
        assertFalse(methods.isEmpty());
        for (Declared d : methods) {
            ScopeRoute row = ScopeRoute.find(
                            ApiScopes.ROUTES, d.method(), d.template().replace("{id}", "X1"))
                    .orElseThrow(() -> new AssertionError("no row for " + d));
            assertEquals(d.template(), row.template(), "template of " + d);
            assertEquals(d.scope(), row.scope(), "scope of " + d);
        }
    }

    @Test
    void noRowWithoutItsMethod() {
        Set<Declared> methods = new HashSet<>(declared());
        for (ScopeRoute row : ApiScopes.ROUTES) {
            assertTrue(
                    methods.contains(new Declared(row.method(), row.template(), row.scope())),
                    "row " + row + " names no resource method");
        }
        assertEquals(methods.size(), ApiScopes.ROUTES.size());
    }

    @Test
    void templatesMatchOneSegmentPerVariable() {
        ScopeRoute r = new ScopeRoute("get", "api/v1/beneficiaries/{id}", "s");
        assertEquals("GET", r.method());
        assertTrue(r.matchesPath("api/v1/beneficiaries/B00001"));
        assertFalse(r.matchesPath("api/v1/beneficiaries/"));
        assertFalse(r.matchesPath("api/v1/beneficiaries/B1/allowance"));
        assertFalse(r.matchesPath("api/v1/beneficiaries"));
        assertTrue(ScopeRoute.anyForPath(ApiScopes.ROUTES, "api/v1/beneficiaries/B1/allowance"));
        assertTrue(ScopeRoute.find(ApiScopes.ROUTES, "DELETE", "api/v1/beneficiaries/B1")
                .isEmpty());
    }
}
