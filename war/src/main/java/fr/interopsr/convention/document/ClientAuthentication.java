package fr.interopsr.convention.document;

import java.util.Optional;

/**
 * How the client of a convention authenticates at the token endpoint (IR-20 "client
 * authentication method", D-6, D-8): HTTP Basic with a server-made secret, or the RFC 8705
 * mutual-TLS certificate.
 */
public enum ClientAuthentication {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    TLS_CLIENT_AUTH("tls_client_auth");

    private final String jsonName;

    ClientAuthentication(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The JSON (and RFC 7591 metadata) name. */
    public String jsonName() {
        return jsonName;
    }

    /** The constant of a JSON name (exact). */
    public static Optional<ClientAuthentication> fromJson(String name) {
        for (ClientAuthentication c : values()) {
            if (c.jsonName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
