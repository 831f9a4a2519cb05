package fr.interopsr.token;

import static fr.interopsr.token.TokenAssertions.refused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IR-1, IR-6: grant_type is exactly client_credentials. */
class GrantTypeTest {

    @Test
    void clientCredentialsIsAccepted() {
        assertDoesNotThrow(() -> GrantType.check("client_credentials"));
    }

    @Test
    void missingGrantTypeIsInvalidGrant() {
        refused(TokenErrorCode.INVALID_GRANT, () -> GrantType.check(null));
    }

    @Test
    void emptyGrantTypeIsInvalidGrant() {
        refused(TokenErrorCode.INVALID_GRANT, () -> GrantType.check(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Client_Credentials", "CLIENT_CREDENTIALS", "client_Credentials"})
    void wrongCaseIsInvalidGrant(String grant) {
        refused(TokenErrorCode.INVALID_GRANT, () -> GrantType.check(grant));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password",
                "authorization_code",
                "refresh_token",
                "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "urn:ietf:params:oauth:grant-type:device_code"
            })
    void otherWellFormedGrantIsUnsupportedGrantType(String grant) {
        refused(TokenErrorCode.UNSUPPORTED_GRANT_TYPE, () -> GrantType.check(grant));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "client credentials",
                "client_credentials ",
                " client_credentials",
                "client_credentials,password",
                "client\u00e9credentials",
                "a b",
                "\"client_credentials\""
            })
    void malformedGrantTypeIsInvalidGrant(String grant) {
        refused(TokenErrorCode.INVALID_GRANT, () -> GrantType.check(grant));
    }

    @Test
    void overlongGrantNameIsInvalidGrant() {
        refused(TokenErrorCode.INVALID_GRANT, () -> GrantType.check("a".repeat(257)));
    }
}
