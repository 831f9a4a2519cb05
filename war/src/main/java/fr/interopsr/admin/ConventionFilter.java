package fr.interopsr.admin;

import fr.interopsr.convention.document.ConventionStatus;

/**
 * The list's filters: {@code status} (one of the four), {@code environment} (exact) and {@code q}
 * (text, any case); each absent or blank filter lets everything through.
 */
public record ConventionFilter(String status, String environment, String q) {

    public static ConventionFilter of(String status, String environment, String q) {
        String s = blankToNull(status);
        if (s != null && ConventionStatus.fromJson(s).isEmpty()) {
            throw AdminRefusal.badRequest("status must be draft, active, suspended or retired");
        }
        return new ConventionFilter(s, blankToNull(environment), blankToNull(q));
    }

    public boolean matches(ConventionSummary c) {
        return (status == null || status.equals(c.status()))
                && (environment == null || environment.equals(c.environment()))
                && (q == null || c.mentions(q));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
