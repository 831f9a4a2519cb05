package fr.interopsr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConventionFilterTest {

    private final ConventionSummary summary = ConventionSummary.of(
            "demo-b", 3, "active", Instant.parse("2026-01-01T00:00:00Z"), Docs.basic("demo-b", "active"));

    @Test
    void summaryTakesTheListedTermsFromTheDocument() {
        assertEquals("dev", summary.environment());
        assertEquals("1.0", summary.version());
        assertEquals("institution-b-portal", summary.clientId());
        assertEquals("https://localhost:8443/interops", summary.issuer());
        assertEquals(3, summary.revision());
    }

    @Test
    void summaryOfAnOddStoredDocumentNeverFails() {
        ConventionSummary odd = ConventionSummary.of(
                "x",
                1,
                "draft",
                Instant.EPOCH,
                Json.createObjectBuilder().add("identityProvider", 5).build());
        assertEquals("", odd.clientId());
        assertTrue(ConventionFilter.of(null, null, "x").matches(odd));
    }

    @Test
    void filtersCombine() {
        assertTrue(ConventionFilter.of(null, null, null).matches(summary));
        assertTrue(ConventionFilter.of("active", "dev", "PORTAL").matches(summary));
        assertTrue(ConventionFilter.of("", " ", "").matches(summary));
        assertTrue(ConventionFilter.of(null, null, "urn:demo:beneficiaries").matches(summary), "scopes");
        assertTrue(ConventionFilter.of(null, null, "institution-b.example").matches(summary), "audience");
        assertFalse(ConventionFilter.of("suspended", null, null).matches(summary));
        assertFalse(ConventionFilter.of(null, "prod", null).matches(summary));
        assertFalse(ConventionFilter.of(null, null, "cnaf").matches(summary));
    }

    @Test
    void anUnknownStatusIsABadRequest() {
        assertEquals(
                400,
                assertThrows(AdminRefusal.class, () -> ConventionFilter.of("Active", null, null))
                        .status());
    }
}
