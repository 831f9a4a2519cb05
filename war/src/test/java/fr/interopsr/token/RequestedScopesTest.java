package fr.interopsr.token;

import static fr.interopsr.token.TokenAssertions.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IR-1, IR-16: the scope parameter. */
class RequestedScopesTest {

    @Test
    void absentScopeIsEmptyOptional() throws TokenRefusal {
        assertEquals(Optional.empty(), RequestedScopes.parse(null));
    }

    @Test
    void scopesAreSplitOnSingleSpacesInOrder() throws TokenRefusal {
        Set<String> s = RequestedScopes.parse("urn:a:b:1.0:read urn:a:b:1.0:write https://x.example/s")
                .orElseThrow();
        assertEquals(List.of("urn:a:b:1.0:read", "urn:a:b:1.0:write", "https://x.example/s"), List.copyOf(s));
    }

    @Test
    void emptyScopeIsInvalidScope() {
        refused(TokenErrorCode.INVALID_SCOPE, () -> RequestedScopes.parse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a  b", " a", "a ", " ", "a\tb", "a\u00a0b"})
    void badSeparatorsAreInvalidScope(String scope) {
        refused(TokenErrorCode.INVALID_SCOPE, () -> RequestedScopes.parse(scope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:\"a\"", "a\\b", "a\u007fb", "caf\u00e9", "a\u0000b", "\u2028"})
    void characterOutsideIr16IsInvalidScope(String scope) {
        refused(TokenErrorCode.INVALID_SCOPE, () -> RequestedScopes.parse(scope));
    }

    @Test
    void everyIr16CharacterIsAccepted() throws TokenRefusal {
        StringBuilder all = new StringBuilder();
        for (char c = 0x21; c <= 0x7e; c++) {
            if (c != '"' && c != '\\') {
                all.append(c);
            }
        }
        assertEquals(
                Set.of(all.toString()), RequestedScopes.parse(all.toString()).orElseThrow());
    }

    @Test
    void scopeOfMaxLengthIsAcceptedAndLongerIsInvalidScope() throws TokenRefusal {
        String max = "a".repeat(RequestedScopes.MAX_LENGTH);
        assertEquals(Set.of(max), RequestedScopes.parse(max).orElseThrow());
        refused(TokenErrorCode.INVALID_SCOPE, () -> RequestedScopes.parse(max + "b"));
        refused(TokenErrorCode.INVALID_SCOPE, () -> RequestedScopes.parse("a ".repeat(2049) + "a"));
    }

    @Test
    void maxLengthIs4096() {
        assertEquals(4096, RequestedScopes.MAX_LENGTH);
    }

    @Test
    void duplicatesAreCollapsed() throws TokenRefusal {
        assertEquals(
                List.of("a", "b"),
                List.copyOf(RequestedScopes.parse("a b a b a").orElseThrow()));
    }

    @Test
    void caseIsKept() throws TokenRefusal {
        assertEquals(
                List.of("urn:A:read", "urn:a:read"),
                List.copyOf(RequestedScopes.parse("urn:A:read urn:a:read").orElseThrow()));
    }

    @Test
    void isScopeTokenFollowsIr16() {
        assertTrue(RequestedScopes.isScopeToken("!#[]~"));
        assertFalse(RequestedScopes.isScopeToken(""));
        assertFalse(RequestedScopes.isScopeToken(" "));
        assertFalse(RequestedScopes.isScopeToken("\""));
        assertFalse(RequestedScopes.isScopeToken("\\"));
        assertFalse(RequestedScopes.isScopeToken("\u007f"));
    }
}
