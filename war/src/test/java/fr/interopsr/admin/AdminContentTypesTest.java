package fr.interopsr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.interopsr.platform.ApiContentTypes;
import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every change of the admin REST API declares its content type (issue 14, CONTRACT.md): JSON, or PEM for the upload. */
class AdminContentTypesTest {

    @Test
    void everyChangeOfTheConventionsApiNeedsJsonAndTheUploadPem() {
        Map<String, Optional<String>> found = new HashMap<>();
        for (Class<?> type : new Class<?>[] {ConventionsResource.class, CertificatesResource.class}) {
            for (Method m : type.getDeclaredMethods()) {
                if (httpMethod(m) != null) {
                    found.put(m.getName(), ApiContentTypes.requiredType(type, m));
                }
            }
        }
        Optional<String> json = Optional.of(ApiContentTypes.JSON);
        assertEquals(json, found.get("create"));
        assertEquals(json, found.get("importAll"));
        assertEquals(json, found.get("update"));
        assertEquals(json, found.get("retire"), "a bodiless DELETE too");
        assertEquals(json, found.get("rotateSecret"), "a bodiless POST too");
        assertEquals(Optional.of(ApiContentTypes.PEM), found.get("uploadCertificate"));
        for (String read : new String[] {"list", "export", "read", "versions", "version", "certificates", "expiring"}) {
            assertEquals(Optional.empty(), found.get(read), read);
        }
        assertEquals(6, found.values().stream().filter(Optional::isPresent).count(), found.toString());
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return a.annotationType().getAnnotation(HttpMethod.class).value();
            }
        }
        return null;
    }
}
