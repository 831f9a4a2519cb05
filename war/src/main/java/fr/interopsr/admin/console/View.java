package fr.interopsr.admin.console;

import fr.interopsr.admin.login.AdminRoles;
import java.util.Set;

/**
 * What every page needs to know of its request: the labels, the console's base path
 * ({@code /interops/admin}), the caller and roles (null and empty on the login page), the session's
 * CSRF token, the GET address of the page (for the language links), the menu section, and the form whose
 * values a change of language keeps (null on pages without one).
 */
public record View(
        Messages m,
        String base,
        String user,
        Set<String> roles,
        String csrf,
        String self,
        String section,
        KeptForm kept) {

    /**
     * A form that a change of language posts back, so that what was typed in it is not lost: the language
     * choices become its submit buttons ({@code op=language}, the language in the query of {@code action}), and
     * the page's first submit button of the form, the one Enter presses, is the default one named here (its
     * id, label, and {@code op}: null for a button without a name).
     */
    public record KeptForm(String id, String action, String defaultId, String defaultLabel, String defaultOp) {}

    /** The {@code op} of a form's language buttons. */
    public static final String LANGUAGE_OP = "language";

    public View {
        roles = Set.copyOf(roles);
    }

    /** A view of a page without a form to keep. */
    public View(Messages m, String base, String user, Set<String> roles, String csrf, String self, String section) {
        this(m, base, user, roles, csrf, self, section, null);
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
        return new View(m, base, user, roles, csrf, self, newSection, kept);
    }

    /** The same view, whose language choices post {@code form} back. */
    public View keeping(KeptForm form) {
        return new View(m, base, user, roles, csrf, self, section, form);
    }

    /** The address a language button of the kept form posts to. */
    public String keptInLanguage(String language) {
        String action = kept.action();
        return action + (action.contains("?") ? "&" : "?") + "lang=" + language;
    }
}
