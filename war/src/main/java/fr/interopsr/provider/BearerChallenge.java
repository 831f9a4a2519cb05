package fr.interopsr.provider;

/**
 * The {@code WWW-Authenticate: Bearer} challenge of IR-8 (RFC 6750 §3): realm always; error and
 * error_description only when a VI was presented; scope for insufficient_scope (D-11).
 */
public final class BearerChallenge {

    public static final String REALM = "interops";

    private BearerChallenge() {}

    public static String of(String error, String description, String scope) {
        StringBuilder b = new StringBuilder("Bearer realm=\"").append(REALM).append('"');
        if (error != null) {
            b.append(", error=\"").append(quoted(error)).append('"');
        }
        if (description != null) {
            b.append(", error_description=\"").append(quoted(description)).append('"');
        }
        if (scope != null) {
            b.append(", scope=\"").append(quoted(scope)).append('"');
        }
        return b.toString();
    }

    /** US-ASCII printable without {@code "} and {@code \} (RFC 6750 §3). */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return b.toString();
    }
}
