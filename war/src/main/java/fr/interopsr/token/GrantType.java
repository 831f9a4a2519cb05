package fr.interopsr.token;

import java.util.regex.Pattern;

/**
 * The {@code grant_type} rule of Interops-R (IR-1, IR-6): exactly {@code client_credentials},
 * case-sensitive. Missing, malformed or wrongly cased is {@code invalid_grant}; another
 * well-formed grant (RFC 6749 grant-name or an absolute URI) is {@code unsupported_grant_type}.
 */
public final class GrantType {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final Pattern GRANT_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern URI_GRANT = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[\\x21-\\x7e]+");

    private GrantType() {}

    public static void check(String grantType) throws TokenRefusal {
        if (grantType == null) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_GRANT, "grant_type is missing");
        }
        if (CLIENT_CREDENTIALS.equals(grantType)) {
            return;
        }
        if (CLIENT_CREDENTIALS.equalsIgnoreCase(grantType)) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_GRANT, "grant_type is case-sensitive: use client_credentials");
        }
        if (grantType.length() <= 256
                && (GRANT_NAME.matcher(grantType).matches()
                        || URI_GRANT.matcher(grantType).matches())) {
            throw TokenRefusal.of(TokenErrorCode.UNSUPPORTED_GRANT_TYPE, "only client_credentials is supported");
        }
        throw TokenRefusal.of(TokenErrorCode.INVALID_GRANT, "grant_type is malformed");
    }
}
