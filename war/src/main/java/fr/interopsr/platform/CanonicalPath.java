package fr.interopsr.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The one rule on request paths (issue 14, D-21, D-27): the WAR chooses who authenticates a request
 * from the path as the container routes it (servlet path + path info, decoded and normalised), never
 * from the raw request URI. Under the guarded prefixes {@code /admin}, {@code /api}, {@code /idp} and
 * {@code /access}, a request whose raw path is not already that plain form is refused (400
 * {@code invalid_request}): path parameters ({@code ;}), any percent-encoded character, a backslash,
 * dot segments and repeated slashes. Such a path names the same resource as a plain one, so the only
 * caller who needs it is one who hopes that two readers of the path disagree (the session-cookie
 * branch chosen on {@code /admin/api;x} while JAX-RS serves {@code /admin/api}).
 *
 * <p>A prefix is guarded whether the container's path or this class's own normalisation of the raw
 * path falls under it, so that a container decoding less than JAX-RS does cannot open a gap either.
 * Plain Java: {@code CanonicalPathTest} drives it on many variants.
 */
public final class CanonicalPath {

    /** The prefixes whose requests must come with a plain path. */
    public static final List<String> GUARDED = List.of("/admin", "/api", "/idp", "/access");

    /**
     * The verdict on one request: {@code path} is the path inside the context that the container
     * routes (what the authentication branch is chosen from); {@code refused} whether it must be
     * answered 400.
     */
    public record Verdict(String path, boolean refused) {}

    private CanonicalPath() {}

    /**
     * @param requestUri the raw request URI, as sent (without query)
     * @param contextPath the context path the application is deployed at (canonical, e.g. {@code /interops})
     * @param servletPath the container's servlet path (decoded, normalised)
     * @param pathInfo the container's path info, or null
     */
    public static Verdict check(String requestUri, String contextPath, String servletPath, String pathInfo) {
        String routed = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        String raw = requestUri == null ? "" : requestUri;
        String plainRaw = raw.startsWith(contextPath) ? raw.substring(contextPath.length()) : null;
        boolean plain = plainRaw != null && plainRaw.equals(routed) && isPlain(plainRaw) && isPlain(contextPath);
        if (plain) {
            return new Verdict(routed, false);
        }
        String normalised = normalise(raw);
        String inContext = normalised.startsWith(contextPath + "/") || normalised.equals(contextPath)
                ? normalised.substring(contextPath.length())
                : normalised;
        return new Verdict(routed, guarded(routed) || guarded(inContext));
    }

    /** The container's path of a request: servlet path + path info (what it routes on). */
    public static String routed(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /** The verdict on a request ({@link #check(String, String, String, String)}). */
    public static Verdict check(HttpServletRequest request) {
        return check(
                request.getRequestURI(),
                request.getServletContext().getContextPath(),
                request.getServletPath(),
                request.getPathInfo());
    }

    /** Whether the path lies under one of {@link #GUARDED} (the prefix itself, or below it). */
    public static boolean guarded(String path) {
        for (String prefix : GUARDED) {
            if (under(path, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code path} is {@code prefix} or lies below it. */
    public static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /**
     * Whether a raw path is already in its plain form: absolute, no {@code ;}, {@code %} or
     * backslash, no empty segment except a final one, no {@code .} or {@code ..} segment.
     */
    static boolean isPlain(String path) {
        if (path.isEmpty()) {
            return true;
        }
        if (path.charAt(0) != '/'
                || path.indexOf(';') >= 0
                || path.indexOf('%') >= 0
                || path.indexOf('\\') >= 0
                || path.contains("//")) {
            return false;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * A lenient normalisation of a raw path, as generous as any reader of it might be: path
     * parameters dropped, percent-escapes decoded until none is left (a double encoding too; malformed ones kept), backslashes read as
     * slashes, empty and {@code .} segments dropped, {@code ..} segments resolved. Used only to
     * decide whether a non-plain path aims at a guarded prefix.
     */
    static String normalise(String raw) {
        Deque<String> out = new ArrayDeque<>();
        for (String segment : raw.split("/", -1)) {
            int semicolon = segment.indexOf(';');
            String s = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
            for (String part : decode(s).replace('\\', '/').split("/", -1)) {
                String p = part.indexOf(';') >= 0 ? part.substring(0, part.indexOf(';')) : part;
                if (p.isEmpty() || p.equals(".")) {
                    continue;
                }
                if (p.equals("..")) {
                    out.pollLast();
                } else {
                    out.addLast(p);
                }
            }
        }
        return "/" + String.join("/", out);
    }

    private static String decode(String s) {
        String decoded = s;
        for (int round = 0; round < 4 && decoded.indexOf('%') >= 0; round++) {
            String next = decodeOnce(decoded);
            if (next.equals(decoded)) {
                break;
            }
            decoded = next;
        }
        return decoded;
    }

    private static String decodeOnce(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
