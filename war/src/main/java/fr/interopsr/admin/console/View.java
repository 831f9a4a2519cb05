package fr.interopsr.admin.console;

import fr.interopsr.admin.login.AdminRoles;
import java.util.Set;

/**
 * What every page needs to know of its request: the labels, the console's base path
 * ({@code /interops/admin}), the caller and roles (null and empty on the login page), the session's
 * CSRF token, the GET address of the page (for the language links) and the menu section.
 */
public record View(Messages m, String base, String user, Set<String> roles, String csrf, String self, String section) {

    public View {
        roles = Set.copyOf(roles);
    }

    public boolean admin() {
        return roles.contains(AdminRoles.ADMIN);
    }

    public boolean auditor() {
        return roles.contains(AdminRoles.AUDITOR);
    }

    /** The same page in another language. */
    public String inLanguage(String language) {
        return self + (self.contains("?") ? "&" : "?") + "lang=" + language;
    }

    public View section(String newSection) {
        return new View(m, base, user, roles, csrf, self, newSection);
    }
}
