package fr.interopsr.admin;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the convention list: the current revision's terms that find a convention. Taken
 * from the stored JSON as it is, so that a revision written under older rules still lists (seed 003).
 */
public record ConventionSummary(
        String id,
        int revision,
        String status,
        String environment,
        String version,
        String clientId,
        String issuer,
        Instant updatedAt,
        List<String> searchable) {

    public static ConventionSummary of(String id, int revision, String status, Instant updatedAt, JsonObject doc) {
        JsonObject idp = object(doc, "identityProvider");
        JsonObject sp = object(doc, "serviceProvider");
        JsonObject dp = object(doc, "dataProvider");
        String environment = text(doc, "environment");
        String version = text(doc, "version");
        String clientId = text(sp, "clientId");
        String issuer = text(idp, "issuer");
        List<String> searchable = new ArrayList<>(
                List.of(id, environment, version, clientId, issuer, text(sp, "id"), text(dp, "serviceId")));
        if (doc.get("scopes") instanceof JsonArray scopes) {
            scopes.forEach(s -> {
                if (s instanceof JsonString str) {
                    searchable.add(str.getString());
                }
            });
        }
        searchable.removeIf(String::isEmpty);
        return new ConventionSummary(
                id, revision, status, environment, version, clientId, issuer, updatedAt, List.copyOf(searchable));
    }

    /** Whether the text appears, ignoring case, in the id, client, issuer, audience, target service, version or a scope. */
    public boolean mentions(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return searchable.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(needle));
    }

    static JsonObject object(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonObject inner ? inner : JsonValue.EMPTY_JSON_OBJECT;
    }

    static String text(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonString s ? s.getString() : "";
    }
}
