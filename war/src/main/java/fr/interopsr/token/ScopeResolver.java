package fr.interopsr.token;

import fr.interopsr.convention.Convention;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IR-5: finds, without ambiguity, the convention a token request is for, among the
 * authenticated client's active conventions of this identity provider (D-6, D-7).
 * <ul>
 * <li>no scope: the client must have exactly one convention, whose default scopes are granted;
 *     several: {@code invalid_request} (scopes are needed);</li>
 * <li>scopes: those the client is not allowed are dropped; none left: {@code invalid_scope};
 *     the rest must all belong to one and the same convention.</li>
 * </ul>
 */
public final class ScopeResolver {

    private ScopeResolver() {}

    public static ScopeGrant resolve(Optional<Set<String>> requested, List<Convention> conventions)
            throws TokenRefusal {
        if (conventions.isEmpty()) {
            throw TokenRefusal.of(
                    TokenErrorCode.UNAUTHORIZED_CLIENT,
                    "the client has no active convention with this identity provider");
        }
        if (requested.isEmpty()) {
            if (conventions.size() > 1) {
                throw TokenRefusal.of(
                        TokenErrorCode.INVALID_REQUEST,
                        "scope is required: the client belongs to several conventions",
                        "no scope and " + conventions.size() + " conventions: " + ids(conventions));
            }
            Convention only = conventions.get(0);
            List<String> defaults = only.document().defaultScopes();
            if (defaults.isEmpty()) {
                throw TokenRefusal.of(
                        TokenErrorCode.INVALID_SCOPE, "scope is required: the convention has no default scopes");
            }
            return new ScopeGrant(only, List.copyOf(defaults));
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Convention c : conventions) {
            allowed.addAll(c.document().scopes());
        }
        List<String> kept = new ArrayList<>();
        for (String scope : requested.get()) {
            if (allowed.contains(scope)) {
                kept.add(scope);
            }
        }
        if (kept.isEmpty()) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_SCOPE, "none of the requested scopes is allowed for this client");
        }
        List<Convention> holding = new ArrayList<>();
        for (Convention c : conventions) {
            if (c.document().scopes().containsAll(kept)) {
                holding.add(c);
            }
        }
        if (holding.size() == 1) {
            return new ScopeGrant(holding.get(0), List.copyOf(kept));
        }
        if (holding.isEmpty()) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_SCOPE,
                    "the requested scopes belong to different conventions: ask for the scopes of one",
                    "scopes " + kept + " span conventions " + ids(conventions));
        }
        throw TokenRefusal.of(
                TokenErrorCode.INVALID_SCOPE,
                "the requested scopes do not designate one convention",
                "scopes " + kept + " held by several conventions " + ids(holding));
    }

    private static String ids(List<Convention> conventions) {
        return conventions.stream().map(Convention::id).toList().toString();
    }
}
