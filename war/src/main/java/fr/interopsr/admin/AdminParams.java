package fr.interopsr.admin;

/** The query parameters of the administration, checked: a bad value is a 400, never a 404 or a 500. */
public final class AdminParams {

    /** Longest change comment (column {@code change_comment}). */
    public static final int MAX_COMMENT = 1024;
    /** Longest grace period of a rotated secret: 30 days. */
    public static final long MAX_GRACE_SECONDS = 30L * 24 * 3600;

    public static final int DEFAULT_EXPIRY_DAYS = 30;
    public static final int MAX_EXPIRY_DAYS = 3650;

    private AdminParams() {}

    /** The change comment kept with the revision (D-14), or null. */
    public static String comment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        if (comment.length() > MAX_COMMENT) {
            throw AdminRefusal.badRequest("comment is longer than " + MAX_COMMENT + " characters");
        }
        return comment.strip();
    }

    /** How long the previous secrets stay valid: 0 (default) to 30 days. */
    public static long graceSeconds(String value) {
        return number("graceSeconds", value, 0, MAX_GRACE_SECONDS, " (seconds, at most 30 days)");
    }

    /** The horizon of the expiry list: 30 days by default. */
    public static int days(String value) {
        return (int) number("days", value, DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS, "");
    }

    private static long number(String name, String value, long absent, long max, String unit) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > max || !value.chars().allMatch(Character::isDigit)) {
            throw AdminRefusal.badRequest(name + " must be a whole number from 0 to " + max + unit);
        }
        return n;
    }
}
