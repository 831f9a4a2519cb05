package fr.interopsr.provider;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the table a resource of the data provider declares (issue 18 §3): an HTTP method and a URI template,
 * relative to the application ({@code api/v1/beneficiaries/{id}}), and the one scope the method requires, the same as
 * its {@code @RolesAllowed} (a unit test compares the two by reflection). The access decisions ({@code access})
 * read the table to know which scope a call would need without calling the resource.
 *
 * @param method   the HTTP method, upper case
 * @param template the path template relative to the application, without leading slash; a {@code {name}} segment
 *                 stands for exactly one non-empty segment
 * @param scope    the scope the method requires
 */
public record ScopeRoute(String method, String template, String scope) {

    public ScopeRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(scope, "scope");
        method = method.toUpperCase(Locale.ROOT);
    }

    /** Whether this row answers the path (relative to the application, no leading slash, no query) for any method. */
    public boolean matchesPath(String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean variable = want[i].startsWith("{") && want[i].endsWith("}");
            if (got[i].isEmpty() || (!variable && !want[i].equals(got[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The row for this method and path among the tables, empty when no resource answers it.
     *
     * @param path relative to the application, without leading slash
     */
    public static Optional<ScopeRoute> find(List<ScopeRoute> routes, String method, String path) {
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return routes.stream()
                .filter(r -> r.method.equals(m) && r.matchesPath(path))
                .findFirst();
    }

    /** Whether some row answers the path, whatever its method (a 405, not a 404, for the others). */
    public static boolean anyForPath(List<ScopeRoute> routes, String path) {
        return routes.stream().anyMatch(r -> r.matchesPath(path));
    }
}
