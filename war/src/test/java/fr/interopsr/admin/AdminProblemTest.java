package fr.interopsr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminProblemTest {

    @Test
    void storeProblemsKeepTheirFieldWhenTheyNameOne() {
        AdminProblem p = AdminProblem.ofStore("identityProvider.clientAuthentication: client c authenticates with"
                + " tls_client_auth in convention x; the conventions of one client must agree (D-6)");
        assertEquals("identityProvider.clientAuthentication", p.field());
        assertTrue(p.message().startsWith("client c authenticates"));
        assertNull(p.index());
    }

    @Test
    void storeProblemsWithoutAFieldConcernTheDocument() {
        AdminProblem p = AdminProblem.ofStore("convention other is already active for the same issuer, audience,"
                + " target service and version (D-14)");
        assertEquals("$", p.field());
        assertTrue(p.message().contains("(D-14)"));
    }

    @Test
    void errorJsonListsEveryProblemWithItsIndex() {
        JsonObject json = AdminJson.error(AdminRefusal.invalid(
                "refused",
                List.of(
                        new AdminProblem(null, "scopes", "must name at least one scope"),
                        new AdminProblem(2, "id", "duplicate"))));
        assertEquals("invalid_convention", json.getString("error"));
        assertEquals("refused", json.getString("error_description"));
        assertEquals(2, json.getJsonArray("problems").size());
        assertEquals("scopes", json.getJsonArray("problems").getJsonObject(0).getString("field"));
        assertTrue(!json.getJsonArray("problems").getJsonObject(0).containsKey("index"));
        assertEquals(2, json.getJsonArray("problems").getJsonObject(1).getInt("index"));
    }

    @Test
    void otherErrorsHaveNoProblemList() {
        JsonObject json = AdminJson.error(AdminRefusal.notFound("no convention x"));
        assertEquals("not_found", json.getString("error"));
        assertTrue(!json.containsKey("problems"));
    }
}
