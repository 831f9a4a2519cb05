package fr.interopsr.token;

import static fr.interopsr.token.TokenAssertions.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import fr.interopsr.convention.Convention;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** IR-5: the convention is found without ambiguity. */
class ScopeResolverTest {

    private static final String A_READ = "urn:dp:a:1.0:read";
    private static final String A_WRITE = "urn:dp:a:1.0:write";
    private static final String B_READ = "urn:dp:b:1.0:read";
    private static final String SHARED = "urn:dp:shared:1.0:read";

    private static final Convention A = TestConventions.builder("conv-a", "client")
            .scopes(A_READ, A_WRITE, SHARED)
            .defaultScopes(A_READ)
            .serviceId("https://dp.example/a")
            .convention();
    private static final Convention B = TestConventions.builder("conv-b", "client")
            .scopes(B_READ, SHARED)
            .defaultScopes(B_READ)
            .serviceId("https://dp.example/b")
            .convention();

    private static Optional<Set<String>> scopes(String... s) {
        return Optional.of(new LinkedHashSet<>(List.of(s)));
    }

    @Test
    void noScopeAndOneConventionGrantsItsDefaultScopes() throws TokenRefusal {
        Convention c = TestConventions.builder("conv-d", "client")
                .scopes(A_READ, A_WRITE, SHARED)
                .defaultScopes(A_WRITE, SHARED)
                .convention();
        ScopeGrant g = ScopeResolver.resolve(Optional.empty(), List.of(c));
        assertSame(c, g.convention());
        assertEquals(List.of(A_WRITE, SHARED), g.scopes());
    }

    @Test
    void noScopeAndSeveralConventionsIsInvalidRequest() {
        TokenRefusal r =
                refused(TokenErrorCode.INVALID_REQUEST, () -> ScopeResolver.resolve(Optional.empty(), List.of(A, B)));
        assertEquals(true, r.description().contains("scope"), r.description());
    }

    @Test
    void noScopeAndNoDefaultScopesIsInvalidScope() {
        Convention c = TestConventions.builder("conv-n", "client")
                .scopes(A_READ)
                .defaultScopes()
                .convention();
        refused(TokenErrorCode.INVALID_SCOPE, () -> ScopeResolver.resolve(Optional.empty(), List.of(c)));
    }

    @Test
    void scopesOfOneConventionPickIt() throws TokenRefusal {
        ScopeGrant g = ScopeResolver.resolve(scopes(A_WRITE, A_READ), List.of(A, B));
        assertSame(A, g.convention());
        assertEquals(List.of(A_WRITE, A_READ), g.scopes());
    }

    @Test
    void unknownScopesAreDropped() throws TokenRefusal {
        ScopeGrant g = ScopeResolver.resolve(scopes("urn:dp:x:1.0:admin", B_READ, "other"), List.of(A, B));
        assertSame(B, g.convention());
        assertEquals(List.of(B_READ), g.scopes());
    }

    @Test
    void noScopeLeftIsInvalidScope() {
        refused(
                TokenErrorCode.INVALID_SCOPE,
                () -> ScopeResolver.resolve(scopes("urn:dp:x:1.0:admin", "other"), List.of(A, B)));
    }

    @Test
    void scopesAreCaseSensitive() {
        refused(TokenErrorCode.INVALID_SCOPE, () -> ScopeResolver.resolve(scopes(A_READ.toUpperCase()), List.of(A)));
    }

    @Test
    void scopesOfTwoConventionsAreInvalidScope() {
        refused(TokenErrorCode.INVALID_SCOPE, () -> ScopeResolver.resolve(scopes(A_READ, B_READ), List.of(A, B)));
    }

    @Test
    void scopeHeldByTwoConventionsOnlyIsInvalidScope() {
        refused(TokenErrorCode.INVALID_SCOPE, () -> ScopeResolver.resolve(scopes(SHARED), List.of(A, B)));
    }

    @Test
    void sharedScopeWithADistinctScopePicksThatConvention() throws TokenRefusal {
        ScopeGrant g = ScopeResolver.resolve(scopes(SHARED, B_READ), List.of(A, B));
        assertSame(B, g.convention());
        assertEquals(List.of(SHARED, B_READ), g.scopes());
    }

    @Test
    void sharedScopeWithOneConventionIsThatConvention() throws TokenRefusal {
        assertSame(A, ScopeResolver.resolve(scopes(SHARED), List.of(A)).convention());
    }

    @Test
    void noConventionIsUnauthorizedClient() {
        refused(TokenErrorCode.UNAUTHORIZED_CLIENT, () -> ScopeResolver.resolve(Optional.empty(), List.of()));
        refused(TokenErrorCode.UNAUTHORIZED_CLIENT, () -> ScopeResolver.resolve(scopes(A_READ), List.of()));
    }
}
