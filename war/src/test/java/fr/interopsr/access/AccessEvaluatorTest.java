package fr.interopsr.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.pki.CertificateCheck;
import fr.interopsr.provider.beneficiary.BeneficiaryResource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 §3, without a container: the revision in force at the question's time decides; a change (a scope
 * removed) allows before and refuses after, each naming its revision.
 */
class AccessEvaluatorTest {

    static final String SERVICE = "https://provider.example/svc";
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant CHANGE = Instant.parse("2026-12-03T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final String URI = "https://localhost:8443/interops/api/v1/beneficiaries/B00001";

    static Convention convention(String id, String client, int revision, String status, List<String> scopes) {
        String json = "{\"id\":\"" + id + "\",\"version\":\"1.0\",\"environment\":\"test\",\"status\":\"" + status
                + "\",\"requiredAcr\":null,\"scopes\":" + array(scopes) + ",\"defaultScopes\":"
                + array(scopes.subList(0, 1)) + ",\"singleUse\":false,"
                + "\"identityProvider\":{\"issuer\":\"https://idp.example/" + id + "\",\"tokenLifetimeSeconds\":300,"
                + "\"signatureAlgorithms\":[\"ES256\"],\"tokenUrl\":null,\"clientAuthentication\":\"client_secret_basic\","
                + "\"clockSync\":\"pool.ntp.org\",\"extraClaims\":{},\"jwks\":{\"keys\":[]}},"
                + "\"serviceProvider\":{\"id\":\"https://sp.example/" + id + "\",\"clientId\":\"" + client + "\","
                + "\"mutualTls\":false,\"certificate\":null,\"reverseProxyIps\":[],\"clockSync\":\"pool.ntp.org\"},"
                + "\"dataProvider\":{\"serviceId\":\"" + SERVICE + "\",\"baseUrl\":\"https://provider.example/api\","
                + "\"reverseProxyIps\":[],\"certificateChainPem\":null,\"allowedClockSkewSeconds\":120,"
                + "\"clockSync\":\"pool.ntp.org\"}}";
        var read = ConventionDocumentReader.read(json.getBytes(StandardCharsets.UTF_8));
        return new Convention(
                id, revision, read.document().orElseThrow(() -> new IllegalStateException(read.describe())));
    }

    private static String array(List<String> values) {
        return "[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }

    /** Revisions with their creation times. */
    static final class Timeline implements ConventionTimeline {
        final List<Revision> all = new ArrayList<>();

        @Override
        public List<Revision> inForceAt(Instant at) {
            List<Revision> out = new ArrayList<>();
            all.stream()
                    .filter(r -> !r.from().isAfter(at))
                    .map(r -> r.convention().id())
                    .distinct()
                    .forEach(id -> all.stream()
                            .filter(r ->
                                    r.convention().id().equals(id) && !r.from().isAfter(at))
                            .max(Comparator.comparingInt(r -> r.convention().revision()))
                            .ifPresent(out::add));
            return out;
        }

        @Override
        public Optional<Revision> revision(String id, int n) {
            return all.stream()
                    .filter(r ->
                            r.convention().id().equals(id) && r.convention().revision() == n)
                    .findFirst();
        }

        @Override
        public Optional<Revision> current(String id) {
            return all.stream()
                    .filter(r -> r.convention().id().equals(id))
                    .max(Comparator.comparingInt(r -> r.convention().revision()));
        }
    }

    private final Timeline timeline = new Timeline();
    private final AccessEvaluator evaluator;

    AccessEvaluatorTest() {
        List<String> both = List.of(BeneficiaryResource.READ, BeneficiaryResource.WRITE);
        timeline.all.add(new ConventionTimeline.Revision(convention("conv-a", "client-a", 1, "active", both), T0));
        timeline.all.add(new ConventionTimeline.Revision(
                convention("conv-a", "client-a", 2, "active", List.of(BeneficiaryResource.WRITE)), CHANGE));
        timeline.all.add(new ConventionTimeline.Revision(convention("conv-b", "client-b", 1, "suspended", both), T0));
        evaluator = new AccessEvaluator(
                timeline,
                List::of,
                chain -> CertificateCheck.refused(
                        fr.interopsr.pki.CertificateFailure.UNTRUSTED, chain[0], "not in these tests"),
                Set.of(SERVICE),
                "/interops",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theRevisionInForceAtTheTimeDecides() throws Exception {
        AccessDecision before =
                evaluator.evaluate(AccessQuestion.of("convention", "conv-a", "GET", URI, CHANGE.minusSeconds(3600)));
        assertTrue(before.allowed(), before.detail());
        assertEquals(1, before.conventionRevision());
        assertEquals(T0, before.revisionFrom());
        assertTrue(before.replay());
        assertEquals(BeneficiaryResource.READ, before.requiredScope());

        AccessDecision after =
                evaluator.evaluate(AccessQuestion.of("convention", "conv-a", "GET", URI, CHANGE.plusSeconds(3600)));
        assertFalse(after.allowed());
        assertEquals(2, after.conventionRevision());
        assertEquals("resource_scope", after.step());
        assertEquals("insufficient_scope", after.error());

        AccessDecision now =
                evaluator.evaluate(AccessQuestion.of("client", "client-a", "PUT", URI + "/allowance", null));
        assertTrue(now.allowed(), now.detail());
        assertFalse(now.replay());
        assertEquals("conv-a", now.conventionId());
        assertEquals(AccessDecision.NOT_VERSIONED, now.currentInputs());
    }

    @Test
    void conventionsNotFoundOrNotActive() throws Exception {
        AccessDecision early =
                evaluator.evaluate(AccessQuestion.of("convention", "conv-a", "GET", URI, T0.minusSeconds(1)));
        assertEquals("convention", early.step());
        assertNull(early.conventionId());
        AccessDecision suspended = evaluator.evaluate(AccessQuestion.of("convention", "conv-b", "GET", URI, null));
        assertEquals("convention", suspended.step());
        assertEquals(1, suspended.conventionRevision());
        assertEquals(
                "convention",
                evaluator
                        .evaluate(AccessQuestion.of("client", "client-b", "GET", URI, null))
                        .step());
        assertEquals(
                "convention",
                evaluator
                        .evaluate(AccessQuestion.of("client", "nobody", "GET", URI, null))
                        .step());
    }

    @Test
    void resourcesAndTimes() throws Exception {
        AccessDecision unknown = evaluator.evaluate(
                AccessQuestion.of("client", "client-a", "GET", "https://h/interops/api/v2/else", null));
        assertEquals("resource", unknown.step());
        assertEquals("not_found", unknown.error());
        assertEquals(
                "method_not_allowed",
                evaluator
                        .evaluate(AccessQuestion.of("client", "client-a", "DELETE", URI, null))
                        .error());
        assertEquals(
                "not_found",
                evaluator
                        .evaluate(AccessQuestion.of("client", "client-a", "GET", "https://h/interops/admin/", null))
                        .error());
        assertThrows(
                AccessQuestions.Invalid.class,
                () -> evaluator.evaluate(AccessQuestion.of("client", "client-a", "GET", URI, NOW.plusSeconds(3600))));
        AccessQuestion pem = AccessQuestion.of("client", "client-a", "GET", URI, null)
                .withTransport(null, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", null);
        assertThrows(AccessQuestions.Invalid.class, () -> evaluator.evaluate(pem));
    }

    @Test
    void aPinnedRevisionIsUsedAsRecorded() throws Exception {
        AccessQuestion pinned = new AccessQuestion(
                "convention", "conv-a", "GET", URI, NOW, null, null, null, null, null, List.of(), 1, 7L);
        AccessDecision d = evaluator.evaluate(pinned);
        assertTrue(d.allowed(), d.detail());
        assertEquals(1, d.conventionRevision());
        assertTrue(d.pinned());
    }

    @Test
    void aPartnerIsConcernedByItsOwnOnly() {
        assertTrue(evaluator.concerns(AccessQuestion.of("client", "client-a", "GET", URI, null), "client-a"));
        assertFalse(evaluator.concerns(AccessQuestion.of("client", "client-b", "GET", URI, null), "client-a"));
        assertTrue(evaluator.concerns(AccessQuestion.of("convention", "conv-a", "GET", URI, null), "client-a"));
        assertFalse(evaluator.concerns(AccessQuestion.of("convention", "conv-b", "GET", URI, null), "client-a"));
        assertFalse(evaluator.concerns(AccessQuestion.of("convention", "nope", "GET", URI, null), "client-a"));
    }
}
