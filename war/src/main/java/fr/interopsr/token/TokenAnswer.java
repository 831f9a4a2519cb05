package fr.interopsr.token;

import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.json.Jsonp;
import fr.interopsr.vi.IssuedVector;
import java.util.List;

/**
 * The success answer of IR-3: access_token, token_type Bearer, expires_in, scope; with how the client
 * authenticated (for the metrics, never in the answer).
 */
public record TokenAnswer(IssuedVector vector, List<String> scopes, ClientAuthentication method) {

    public String toJson() {
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("access_token", vector.compact())
                .add("token_type", "Bearer")
                .add("expires_in", vector.lifetimeSeconds())
                .add("scope", String.join(" ", scopes))
                .build()
                .toString();
    }
}
