package fr.interopsr.token;

import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.json.Jsonp;
import fr.interopsr.vi.IssuedVector;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * The success answer of IR-3: access_token, token_type Bearer, expires_in, scope; with how the client
 * authenticated (for the metrics, never in the answer). A token exchange adds RFC 8693 §2.2.1's
 * {@code issued_token_type} (issue 17 §3).
 */
public record TokenAnswer(IssuedVector vector, List<String> scopes, ClientAuthentication method, boolean exchanged) {

    /** RFC 8693 §3: what a token exchange issues, a VI being an OAuth access token. */
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    public TokenAnswer(IssuedVector vector, List<String> scopes, ClientAuthentication method) {
        this(vector, scopes, method, false);
    }

    public String toJson() {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder().add("access_token", vector.compact());
        if (exchanged) {
            b.add("issued_token_type", ACCESS_TOKEN_TYPE);
        }
        return b.add("token_type", "Bearer")
                .add("expires_in", vector.lifetimeSeconds())
                .add("scope", String.join(" ", scopes))
                .build()
                .toString();
    }
}
