package fr.interopsr.convention.document;

import fr.interopsr.json.CanonicalJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A convention document as in CONTRACT.md: every field of Interops-R §5 (IR-20) for one
 * agreement between an identity provider, a service provider and a data provider. Immutable;
 * build it with {@link ConventionDocumentReader}, which checks every rule (IR-9, IR-10, IR-16,
 * D-9). {@code version} is the agreement version, the VI's {@code ver}, not the server's revision
 * (D-14).
 *
 * @param id               convention id, 1..64 of {@code [A-Za-z0-9._-]}, starting alphanumeric
 * @param version          interoperability agreement version, the VI's {@code ver} (D-14)
 * @param environment      the VI's {@code env}
 * @param status           life-cycle state
 * @param requiredAcr      eIDAS level a user VI must reach, if any
 * @param scopes           scopes of the convention (IR-16), unique, at least one
 * @param defaultScopes    scopes granted when a request names none; a subset of {@code scopes}
 * @param singleUse        whether a VI may be used only once (IR-11)
 * @param identityProvider the client organisation's IdP terms
 * @param serviceProvider  the calling application's terms
 * @param dataProvider     the target service's terms
 */
public record ConventionDocument(
        String id,
        String version,
        String environment,
        ConventionStatus status,
        Optional<AuthenticationLevel> requiredAcr,
        List<String> scopes,
        List<String> defaultScopes,
        boolean singleUse,
        IdentityProviderTerms identityProvider,
        ServiceProviderTerms serviceProvider,
        DataProviderTerms dataProvider) {

    public ConventionDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requiredAcr, "requiredAcr");
        scopes = List.copyOf(scopes);
        defaultScopes = List.copyOf(defaultScopes);
        Objects.requireNonNull(identityProvider, "identityProvider");
        Objects.requireNonNull(serviceProvider, "serviceProvider");
        Objects.requireNonNull(dataProvider, "dataProvider");
    }

    /** The same document with another status (a status change makes a new revision: D-14). */
    public ConventionDocument withStatus(ConventionStatus newStatus) {
        return new ConventionDocument(
                id,
                version,
                environment,
                newStatus,
                requiredAcr,
                scopes,
                defaultScopes,
                singleUse,
                identityProvider,
                serviceProvider,
                dataProvider);
    }

    /**
     * The document as JSON with the CONTRACT.md member names and order: every member written,
     * absent optional values as {@code null}, defaults filled in; except the extension
     * {@code identityProvider.certificateBoundVi}, written only when true (P-43).
     */
    public JsonObject toJson() {
        return JsonOut.object()
                .add("id", id)
                .add("version", version)
                .add("environment", environment)
                .add("status", status.jsonName())
                .add(
                        "requiredAcr",
                        requiredAcr.map(a -> JsonOut.string(a.jsonName())).orElse(JsonValue.NULL))
                .add("scopes", JsonOut.strings(scopes))
                .add("defaultScopes", JsonOut.strings(defaultScopes))
                .add("singleUse", singleUse)
                .add("identityProvider", identityProvider.toJson())
                .add("serviceProvider", serviceProvider.toJson())
                .add("dataProvider", dataProvider.toJson())
                .build();
    }

    /** Lower-case hex SHA-256 of the canonical form of {@link #toJson()} (import detection: D-15). */
    public String contentHash() {
        return CanonicalJson.sha256Hex(toJson());
    }
}
