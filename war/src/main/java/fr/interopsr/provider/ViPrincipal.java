package fr.interopsr.provider;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A VI that passed the 15 steps, as the MP-JWT API shows it to resources (CONTRACT.md): standard
 * claims with their MP-JWT Java types, others as JSON-P values; {@code groups} are the VI's scopes,
 * so that scopes act as roles for {@code @RolesAllowed} (IR-12).
 */
public final class ViPrincipal implements JsonWebToken {

    /** Claims whose MP-JWT type is a number of seconds. */
    private static final Set<String> TIMES = Set.of("exp", "iat", "nbf", "auth_time", "updated_at");

    private final String compact;
    private final JsonObject claims;
    private final Set<String> scopes;
    private final String conventionId;
    private final int conventionRevision;

    public ViPrincipal(
            String compact, JsonObject claims, List<String> scopes, String conventionId, int conventionRevision) {
        this.compact = compact;
        this.claims = claims;
        this.scopes = Set.copyOf(new LinkedHashSet<>(scopes));
        this.conventionId = conventionId;
        this.conventionRevision = conventionRevision;
    }

    @Override
    public String getName() {
        String sub = claims.getString("sub", null);
        return sub != null ? sub : claims.getString("jti", "");
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.keySet());
        names.add("raw_token");
        names.add("groups");
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        return (T) claimValue(name);
    }

    private Object claimValue(String name) {
        switch (name) {
            case "raw_token":
                return compact;
            case "groups":
                return scopes;
            case "aud": {
                JsonValue aud = claims.get("aud");
                if (aud instanceof JsonString s) {
                    return Set.of(s.getString());
                }
                if (aud != null && aud.getValueType() == JsonValue.ValueType.ARRAY) {
                    Set<String> out = new LinkedHashSet<>();
                    aud.asJsonArray().forEach(v -> out.add(v instanceof JsonString s ? s.getString() : v.toString()));
                    return out;
                }
                return null;
            }
            default:
                break;
        }
        JsonValue value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (TIMES.contains(name) && value instanceof JsonNumber n) {
            return n.longValue();
        }
        if (value instanceof JsonString s
                && Set.of("iss", "sub", "jti", "upn", "scp", "azp", "env", "ver", "acr")
                        .contains(name)) {
            return s.getString();
        }
        return value;
    }

    /** The convention the VI was accepted under, and its revision (D-14). */
    public String conventionId() {
        return conventionId;
    }

    public int conventionRevision() {
        return conventionRevision;
    }

    public Set<String> scopes() {
        return scopes;
    }
}
