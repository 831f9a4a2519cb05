package fr.interopsr.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AuthZEN requests read strictly (issue 18 §3): every bad input a clear message, never an exception escaping. */
class AccessQuestionsTest {

    static final String GOOD = "{\"subject\":{\"type\":\"client\",\"id\":\"institution-a\","
            + "\"properties\":{\"scopes\":\"urn:a urn:b\"}},"
            + "\"action\":{\"name\":\"GET\"},"
            + "\"resource\":{\"type\":\"uri\",\"id\":\"https://localhost:8443/interops/api/v1/beneficiaries/B00001\","
            + "\"properties\":{\"http\":{\"scheme\":\"https\"}}},"
            + "\"context\":{\"timestamp\":\"2026-12-05T11:15:00+01:00\","
            + "\"http\":{\"headers\":[\"Accept: application/json\"],\"client_address\":\"192.0.2.10\","
            + "\"client_certificate\":{\"x5t#S256\":\"" + "A".repeat(43) + "\"}}}}";

    private static AccessQuestion one(String json) throws AccessQuestions.Invalid {
        return AccessQuestions.evaluation(AccessQuestions.body(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String problem(String json) {
        return assertThrows(AccessQuestions.Invalid.class, () -> one(json)).getMessage();
    }

    @Test
    void readsTheInformationModel() throws Exception {
        AccessQuestion q = one(GOOD);
        assertEquals("client", q.subjectType());
        assertEquals("institution-a", q.subjectId());
        assertEquals("GET", q.method());
        assertEquals(Instant.parse("2026-12-05T10:15:00Z"), q.timestamp());
        assertEquals(List.of("urn:a", "urn:b"), q.scopes());
        assertEquals("192.0.2.10", q.clientAddress());
        assertEquals("A".repeat(43), q.thumbprint());
        assertEquals(List.of("Accept: application/json"), q.headers());
        assertNull(q.pinnedRevision());
    }

    @Test
    void badInputsAreNamed() {
        assertTrue(problem("[]").contains("not one JSON object"));
        assertTrue(problem("{\"subject\":{\"type\":\"client\",\"id\":\"a\"},\"action\":{\"name\":\"GET\"}}")
                .contains("resource is missing"));
        assertTrue(problem(GOOD.replace("\"type\":\"client\"", "\"type\":\"user\""))
                .contains("subject.type"));
        assertTrue(problem(GOOD.replace("\"name\":\"GET\"", "\"name\":\"get\"")).contains("action.name"));
        assertTrue(problem(GOOD.replace("B00001\"", "B00001?x=1\"")).contains("without query"));
        assertTrue(problem(GOOD.replace("+01:00", "")).contains("with a zone"));
        assertTrue(problem(GOOD.replace("\"action\"", "\"actions\"")).contains("unknown member actions"));
        assertTrue(
                problem(GOOD.replace("\"id\":\"institution-a\"", "\"id\":42")).contains("subject.id must be a string"));
        assertTrue(problem(GOOD.replace("\"A" + "A".repeat(42), "\"B")).contains("x5t#S256"));
        assertTrue(problem(GOOD.replace("\"type\":\"uri\"", "\"type\":\"url\"")).contains("resource.type"));
        assertTrue(problem(GOOD.replace("https://localhost:8443", "ftp://x")).contains("https"));
        assertTrue(problem("{\"subject\":{},\"subject\":{}}").contains("not one JSON object"));
    }

    @Test
    void batchDefaultsItemsAndSemantic() throws Exception {
        String json = "{\"subject\":{\"type\":\"client\",\"id\":\"a\"},\"action\":{\"name\":\"GET\"},"
                + "\"resource\":{\"type\":\"uri\",\"id\":\"/interops/api/v1/beneficiaries\"},"
                + "\"options\":{\"evaluations_semantic\":\"deny_on_first_deny\"},"
                + "\"evaluations\":[{},{\"action\":{\"name\":\"PUT\"}},{\"subject\":{\"type\":\"x\",\"id\":\"a\"}},3]}";
        AccessQuestions.Batch b =
                AccessQuestions.evaluations(AccessQuestions.body(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(AccessQuestions.Semantic.DENY_ON_FIRST_DENY, b.semantic());
        assertEquals(4, b.items().size());
        assertEquals("GET", b.items().get(0).question().method());
        assertEquals("PUT", b.items().get(1).question().method());
        assertTrue(b.items().get(2).problem().contains("evaluations[2].subject.type"));
        assertTrue(b.items().get(3).problem().contains("evaluations[3] must be an object"));

        AccessQuestions.Batch single = AccessQuestions.evaluations(AccessQuestions.body(
                GOOD.replace("}}}}", "}}},\"evaluations\":[]}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(single.single());
        assertThrows(
                AccessQuestions.Invalid.class,
                () -> AccessQuestions.evaluations(AccessQuestions.body(
                        "{\"options\":{\"evaluations_semantic\":\"all\"}}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void cursorsAndParams() throws Exception {
        DecisionCursor c = new DecisionCursor(Instant.parse("2026-12-05T10:00:00.123Z"), 42);
        assertEquals(c, DecisionCursor.parse(c.text()).orElseThrow());
        assertTrue(DecisionCursor.parse("nope!").isEmpty());
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        DecisionParams p = DecisionParams.parse(java.util.Map.of(), now);
        assertEquals(DecisionParams.DEFAULT_LIMIT, p.limit());
        assertThrows(
                AccessQuestions.Invalid.class,
                () -> DecisionParams.parse(java.util.Map.of("limit", List.of("0")), now));
        assertThrows(
                AccessQuestions.Invalid.class, () -> DecisionParams.parse(java.util.Map.of("sub", List.of("x")), now));
        assertThrows(
                AccessQuestions.Invalid.class,
                () -> DecisionParams.parse(java.util.Map.of("from", List.of("2025-01-01T00:00:00Z")), now));
        assertEquals("a.b", DecisionViews.withoutSignature("a.b.c"));
        assertNull(DecisionViews.withoutSignature("a.b…[truncated: 3000 chars, sha256 x]"));
    }
}
