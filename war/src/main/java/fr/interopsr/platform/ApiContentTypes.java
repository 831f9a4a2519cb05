package fr.interopsr.platform;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The REST APIs that staff and partners call with credentials a browser may hold ({@code /admin/api}, HTTP Basic,
 * D-21; {@code /access}, D-27) accept a call that may change something ({@code POST}, {@code PUT}, {@code DELETE},
 * any method but {@code GET}, {@code HEAD} and {@code OPTIONS}) only with {@code Content-Type: application/json},
 * calls without a body included, or the one type its method declares with {@link Requires} (the certificate upload:
 * {@code application/x-pem-file}). Any other type, or none, is refused with 415 {@code unsupported_media_type} before
 * the method runs or its body is read (issue 14, CONTRACT.md).
 *
 * <p>Why: a browser adds cached Basic credentials to a cross-site request, and a cross-site form or {@code fetch}
 * without a CORS preflight can only send {@code text/plain}, {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data}. Requiring another type forces the preflight, which this server never grants, so this
 * rule is what stops cross-site requests on the REST APIs.
 *
 * <p>One place: this feature looks at every resource method JAX-RS deploys and binds the check to each one whose
 * declared path ({@code @Path} of its class and of itself) is under {@code admin/api} or {@code access}, whatever
 * package it lives in, so that no method can forget it. It is bound to the method JAX-RS routed to, not to the
 * request's path, so no spelling of the path (path parameters, percent-encoding) gets around it.
 */
@Provider
public class ApiContentTypes implements DynamicFeature {

    public static final String JSON = "application/json";
    public static final String PEM = "application/x-pem-file";

    /** The declared paths (relative to the application, which is {@code /}) whose changing calls follow this rule. */
    static final Set<String> PREFIXES = Set.of("admin/api", "access");

    private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** The one content type a changing method takes when it is not {@code application/json}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Requires {
        String value();
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        requiredType(resource.getResourceClass(), resource.getResourceMethod())
                .ifPresent(type -> context.register(new Check(type), Priorities.AUTHORIZATION + 100));
    }

    /**
     * The content type this resource method requires, or empty when the rule does not concern it (a safe method, or
     * a path outside {@link #PREFIXES}).
     */
    public static Optional<String> requiredType(Class<?> resourceClass, Method method) {
        if (resourceClass == null || method == null) {
            return Optional.empty();
        }
        Method declared = annotated(resourceClass, method);
        String httpMethod = httpMethod(declared);
        if (httpMethod == null || SAFE.contains(httpMethod)) {
            return Optional.empty();
        }
        if (!covered(join(classPath(resourceClass), declared.getAnnotation(Path.class)))) {
            return Optional.empty();
        }
        Requires requires = declared.getAnnotation(Requires.class);
        return Optional.of(requires == null ? JSON : requires.value().toLowerCase(Locale.ROOT));
    }

    /** Whether a declared path is one of {@link #PREFIXES} or under one. */
    static boolean covered(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a {@code Content-Type} header names this type (type and subtype compared without regard to case, RFC
     * 9110 §8.3.1; parameters such as {@code charset} are not looked at: the body's own reader decides what it
     * accepts). No header, an empty one, or several joined ({@code a, b}) never match.
     */
    static boolean accepts(String contentType, String required) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase(required);
    }

    /** The check bound to one resource method. */
    static final class Check implements ContainerRequestFilter {

        private final String required;

        Check(String required) {
            this.required = required;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!accepts(request.getHeaderString(HttpHeaders.CONTENT_TYPE), required)) {
                request.abortWith(JsonAnswer.errorResponse(
                        415,
                        "unsupported_media_type",
                        "this call needs Content-Type: " + required + ", even without a body"));
            }
        }
    }

    /** The method that carries the JAX-RS annotations: this one, or the one it overrides (a proxy's, for example). */
    private static Method annotated(Class<?> type, Method method) {
        for (Class<?> c = method.getDeclaringClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (httpMethod(m) != null) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // not declared at this level
            }
        }
        return method;
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static Path classPath(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path p = c.getAnnotation(Path.class);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** The path a method is declared at: its class's and its own, without leading, trailing or repeated slashes. */
    private static String join(Path type, Path method) {
        String whole = (type == null ? "" : type.value()) + "/" + (method == null ? "" : method.value());
        StringBuilder out = new StringBuilder();
        for (String segment : whole.split("/")) {
            if (!segment.isEmpty()) {
                out.append(out.length() == 0 ? "" : "/").append(segment);
            }
        }
        return out.toString();
    }
}
