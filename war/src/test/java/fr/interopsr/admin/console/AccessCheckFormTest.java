package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.access.AccessDecision;
import fr.interopsr.access.AccessQuestion;
import fr.interopsr.access.AccessQuestions;
import fr.interopsr.admin.login.AdminRoles;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 §3, the console's "Would this call be allowed?": the form becomes the AuthZEN request the access API would
 * read, read by the same reader, and every refusal of that reader is shown at the field it concerns; the decision
 * shows the refusing rule, the convention and the revision; a refused call's trace offers a replay.
 */
class AccessCheckFormTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static AccessCheckForm form(String field, String value) {
        Map<String, String> values =
                new HashMap<>(AccessCheckForm.blank("/interops").values());
        values.put("subjectId", "client-a");
        values.put(field, value);
        return AccessCheckForm.of(values);
    }

    @Test
    void theFormAsksTheQuestionTheApiWouldRead() throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("subjectType", "convention");
        values.put("subjectId", " demo-conv ");
        values.put("method", "PUT");
        values.put("resource", "/interops/api/v1/beneficiaries/B00001/allowance");
        values.put("at", "2026-12-01T09:30");
        values.put("scopes", "urn:a:read  urn:a:write");
        values.put("address", "192.0.2.10");
        AccessQuestion q = AccessCheckForm.of(values).question();
        assertEquals(AccessQuestion.CONVENTION, q.subjectType());
        assertEquals("demo-conv", q.subjectId(), "spaces around a value are not part of it");
        assertEquals("PUT", q.method());
        assertEquals("/interops/api/v1/beneficiaries/B00001/allowance", q.resource());
        assertEquals(Instant.parse("2026-12-01T09:30:00Z"), q.timestamp(), "a time without zone is UTC, as labelled");
        assertEquals(List.of("urn:a:read", "urn:a:write"), q.scopes());
        assertEquals("192.0.2.10", q.clientAddress());
        assertNull(q.certificatePem());
    }

    @Test
    void emptyOptionalFieldsAreLeftOutAndATimeWithItsZoneIsKept() throws Exception {
        AccessQuestion now = form("at", "").question();
        assertNull(now.timestamp(), "empty: now");
        assertNull(now.scopes(), "empty: the convention's scopes");
        assertNull(now.clientAddress());
        assertFalse(form("at", "").request().getJsonObject("context").containsKey("http"));
        assertEquals(
                Instant.parse("2026-12-01T08:30:00Z"),
                form("at", "2026-12-01T09:30:00+01:00").question().timestamp());
    }

    @Test
    void everyRefusalOfTheReaderIsPlacedAtItsField() {
        Map<String, String> expected = Map.of(
                "subjectType", "user",
                "subjectId", "",
                "method", "get",
                "resource", "/interops/api/v1/beneficiaries?x=1",
                "at", "yesterday",
                "scopes", "",
                "address", "not an address",
                "certificate", "not a certificate");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (e.getKey().equals("scopes")) {
                continue; // every string is a scope list: nothing to refuse
            }
            AccessQuestions.Invalid refused = assertThrows(
                    AccessQuestions.Invalid.class,
                    () -> form(e.getKey(), e.getValue()).question(),
                    e.getKey());
            assertEquals(e.getKey(), AccessCheckForm.fieldOf(refused.getMessage()), refused.getMessage());
        }
        assertNull(AccessCheckForm.fieldOf("the body is not one JSON object"));
    }

    @Test
    void thePageShowsTheProblemAtItsFieldAndTheDecisionWithItsRevision() {
        View v = new View(
                Messages.of("en"), "/interops/admin", "alice", AdminRoles.ALL, "tok", "/interops/admin/access", null);
        String refused =
                AccessViews.page(v, form("at", "yesterday"), "context.timestamp must be ISO", null, null, null);
        assertTrue(refused.contains("id=\"a-at-problem\""), refused);
        assertTrue(refused.contains("aria-invalid=\"true\""));
        assertFalse(refused.contains("id=\"decision\""));

        AccessDecision d = new AccessDecision(
                false,
                "resource_scope",
                "insufficient_scope",
                "the VI's scopes lack urn:demo:beneficiaries:1.0:read",
                "demo-conv",
                3,
                NOW,
                "client-a",
                "urn:demo:beneficiaries:1.0:read",
                NOW,
                true,
                false,
                AccessDecision.NOT_VERSIONED,
                List.of());
        String page = AccessViews.page(v, form("at", ""), null, d, "c0ffee", null);
        assertTrue(page.contains("data-decision=\"false\""), page);
        assertTrue(page.contains("<code>resource_scope</code>"));
        assertTrue(page.contains("<code>insufficient_scope</code>"));
        assertTrue(page.contains("revision 3"));
        assertTrue(page.contains("those in force at that time"), "a past time is said to use the rules of then");
        assertTrue(
                page.contains("this server&#39;s trusted proxies") || page.contains("this server's trusted proxies"));
        assertTrue(page.contains("/interops/admin/traces?kind=ACCESS_DECISION&amp;correlationId=c0ffee"), page);

        View auditorOnly = new View(
                Messages.of("fr"),
                "/interops/admin",
                "bob",
                Set.of(AdminRoles.AUDITOR),
                "tok",
                "/interops/admin/access",
                null);
        String fr = AccessViews.page(auditorOnly, form("at", ""), null, d, "c0ffee", 9L);
        assertTrue(fr.contains("Refusé"));
        assertTrue(fr.contains("Rejeu de la trace 9"));
        assertFalse(
                fr.contains("href=\"/interops/admin/conventions/demo-conv\""),
                "an auditor gets no link to the admin pages");
    }

    @Test
    void onlyARefusedCallToTheDataProviderOffersAReplay() {
        assertTrue(line("VI_VERIFICATION", "FAILURE", 1L).replayable());
        assertTrue(line("TRANSACTION", "FAILURE", 1L).replayable());
        assertFalse(line("VI_VERIFICATION", "SUCCESS", 1L).replayable());
        assertFalse(line("VI_GENERATION", "FAILURE", 1L).replayable());
        assertFalse(line("VI_VERIFICATION", "FAILURE", null).replayable());
    }

    private static TraceViews.Line line(String kind, String status, Long id) {
        return new TraceViews.Line(
                NOW, kind, status, null, null, null, null, null, null, null, null, null, 600, null, id);
    }
}
