package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.*;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 §4: every resource method under {@code /api/} that may change data (any HTTP method but GET and HEAD)
 * is {@code @Transactional} and {@link TracedChange}, so that its TRANSACTION trace commits before its change.
 */
class TracedChangeCoverageTest {

    @Test
    void everyDataChangingApiMethodCommitsItsTraceInsideItsTransaction() {
        List<String> uncovered = new ArrayList<>();
        int changes = 0;
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.interopsr")) {
            Class<?> c = type.reflect();
            Path path = c.getAnnotation(Path.class);
            if (path == null || !path.value().replaceFirst("^/", "").startsWith("api")) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (!changesData(m)) {
                    continue;
                }
                changes++;
                if (!m.isAnnotationPresent(TracedChange.class) || !m.isAnnotationPresent(Transactional.class)) {
                    uncovered.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertTrue(changes > 0, "the sample service changes an allowance");
        assertEquals(List.of(), uncovered, "data-changing /api/ methods without @Transactional @TracedChange");
    }

    private static boolean changesData(Method m) {
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)
                    && a.annotationType() != GET.class
                    && a.annotationType() != HEAD.class) {
                return true;
            }
        }
        return false;
    }
}
