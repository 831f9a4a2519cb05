package fr.interopsr.token;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code scope} parameter read as Interops-R says (IR-1, IR-16): space-separated,
 * case-sensitive tokens of {@code %x21 / %x23-5B / %x5D-7E}; absent means "the defaults".
 */
public final class RequestedScopes {

    /** Longest scope parameter accepted (a request for thousands of scopes is refused, not parsed). */
    public static final int MAX_LENGTH = 4096;

    private RequestedScopes() {}

    /** Empty when the parameter is absent; the tokens, in order and without repeats, otherwise. */
    public static Optional<Set<String>> parse(String scope) throws TokenRefusal {
        if (scope == null) {
            return Optional.empty();
        }
        if (scope.isEmpty()) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_SCOPE, "scope is empty");
        }
        if (scope.length() > MAX_LENGTH) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_SCOPE, "scope is longer than " + MAX_LENGTH + " characters");
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (String token : scope.split(" ", -1)) {
            if (token.isEmpty()) {
                throw TokenRefusal.of(TokenErrorCode.INVALID_SCOPE, "scope tokens are separated by exactly one space");
            }
            if (!isScopeToken(token)) {
                throw TokenRefusal.of(
                        TokenErrorCode.INVALID_SCOPE,
                        "scope holds a character outside %x21 / %x23-5B / %x5D-7E (IR-16)");
            }
            tokens.add(token);
        }
        return Optional.of(tokens);
    }

    /** IR-16: {@code 1*( %x21 / %x23-5B / %x5D-7E )}. */
    public static boolean isScopeToken(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e))) {
                return false;
            }
        }
        return true;
    }
}
