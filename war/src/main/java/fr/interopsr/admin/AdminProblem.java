package fr.interopsr.admin;

import fr.interopsr.convention.document.Problem;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One problem of a refused document, as the API lists it: the field, the message, and for an
 * import the index of the document in the array (null otherwise).
 */
public record AdminProblem(Integer index, String field, String message) {

    /** "identityProvider.clientAuthentication: client x ..." as ConventionStore words its problems. */
    private static final Pattern FIELD_FIRST = Pattern.compile("^([A-Za-z]+(?:\\.[A-Za-z]+)*): (.+)$", Pattern.DOTALL);

    public AdminProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public static AdminProblem of(Problem p) {
        return new AdminProblem(null, p.field(), p.message());
    }

    /**
     * A problem of {@code ConventionStore.save} (rules across conventions, D-6, D-14): its field when
     * the message starts with one, else the document ({@code $}).
     */
    public static AdminProblem ofStore(String problem) {
        Matcher m = FIELD_FIRST.matcher(problem);
        return m.matches()
                ? new AdminProblem(null, m.group(1), m.group(2))
                : new AdminProblem(null, Problem.DOCUMENT, problem);
    }

    public AdminProblem at(int documentIndex) {
        return new AdminProblem(documentIndex, field, message);
    }
}
