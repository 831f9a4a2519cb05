package fr.interopsr.admin;

import java.util.List;

/**
 * A request the administration refuses: the HTTP status, the error code and description, and the
 * problems of a refused document. Thrown out of a transaction, it rolls the whole change back.
 */
public class AdminRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final transient List<AdminProblem> problems;

    public AdminRefusal(int status, String error, String description, List<AdminProblem> problems) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.problems = List.copyOf(problems);
    }

    /** 400 {@code invalid_convention} with every problem. */
    public static AdminRefusal invalid(String description, List<AdminProblem> problems) {
        return new AdminRefusal(400, "invalid_convention", description, problems);
    }

    public static AdminRefusal badRequest(String description) {
        return new AdminRefusal(400, "invalid_request", description, List.of());
    }

    public static AdminRefusal notFound(String description) {
        return new AdminRefusal(404, "not_found", description, List.of());
    }

    public static AdminRefusal conflict(String error, String description) {
        return new AdminRefusal(409, error, description, List.of());
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public List<AdminProblem> problems() {
        return problems;
    }
}
