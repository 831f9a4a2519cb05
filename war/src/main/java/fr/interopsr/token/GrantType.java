package fr.interopsr.token;

import java.util.regex.Pattern;

/**
 * The {@code grant_type} rule of Interops-R (IR-1, IR-6): exactly {@code client_credentials},
 * case-sensitive, or (issue 17 §3, beyond Interops-R 1.0) RFC 8693's token exchange. Missing, malformed or wrongly
 * cased is {@code invalid_grant}; another well-formed grant (RFC 6749 grant-name or an absolute URI) is
 * {@code unsupported_grant_type}.
 */
public final class GrantType {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** RFC 8693 §2.1: a VI about a user, in exchange for the client organisation's ID token. */
    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    /** The grants this identity provider serves. */
    public enum Grant {
        CLIENT_CREDENTIALS,
        TOKEN_EXCHANGE
    }

    private static final Pattern GRANT_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern URI_GRANT = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[\\x21-\\x7e]+");

    private GrantType() {}

    /** The grant asked for, or the refusal of IR-6. */
    public static Grant check(String grantType) throws TokenRefusal {
        if (grantType == null) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_GRANT, "grant_type is missing");
        }
        if (CLIENT_CREDENTIALS.equals(grantType)) {
            return Grant.CLIENT_CREDENTIALS;
        }
        if (TOKEN_EXCHANGE.equals(grantType)) {
            return Grant.TOKEN_EXCHANGE;
        }
        if (CLIENT_CREDENTIALS.equalsIgnoreCase(grantType)) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_GRANT, "grant_type is case-sensitive: use client_credentials");
        }
        if (grantType.length() <= 256
                && (GRANT_NAME.matcher(grantType).matches()
                        || URI_GRANT.matcher(grantType).matches())) {
            throw TokenRefusal.of(
                    TokenErrorCode.UNSUPPORTED_GRANT_TYPE,
                    "only client_credentials and " + TOKEN_EXCHANGE + " are supported");
        }
        throw TokenRefusal.of(TokenErrorCode.INVALID_GRANT, "grant_type is malformed");
    }
}
