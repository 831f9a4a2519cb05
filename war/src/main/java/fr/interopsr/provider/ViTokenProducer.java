package fr.interopsr.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes the VI of the request injectable as {@code @Inject JsonWebToken} without the server's own
 * MP-JWT mechanism (which takes one issuer only: PLATFORM-NOTES), from the caller principal that
 * {@link ViAuthentication} gave the container.
 */
@ApplicationScoped
public class ViTokenProducer {

    private static final JsonWebToken NONE = new ViPrincipal("", JsonValue.EMPTY_JSON_OBJECT, List.of(), null, 0);

    @Inject
    SecurityContext security;

    @Produces
    @RequestScoped
    JsonWebToken current() {
        return security.getPrincipalsByType(JsonWebToken.class).stream()
                .findFirst()
                .orElse(NONE);
    }
}
