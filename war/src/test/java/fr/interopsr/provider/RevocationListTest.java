package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 17: which VIs a revocation covers, and how long it is kept (P-47, P-48). */
class RevocationListTest {

    static final Instant T = Instant.parse("2026-12-05T19:00:00.400Z");

    static Revocation ofVi(String issuer, String jti) {
        return new Revocation(
                UUID.randomUUID().toString(),
                Revocation.Kind.VI,
                issuer,
                jti,
                null,
                null,
                T,
                T,
                "client:c",
                T.plusSeconds(600),
                null);
    }

    static Revocation ofConvention(String id, Instant at) {
        return new Revocation(
                UUID.randomUUID().toString(),
                Revocation.Kind.CONVENTION,
                null,
                null,
                null,
                id,
                at,
                at,
                "admin:a",
                at.plusSeconds(600),
                "leak");
    }

    static Revocation ofClient(String id, Instant at) {
        return new Revocation(
                UUID.randomUUID().toString(),
                Revocation.Kind.CLIENT,
                null,
                null,
                id,
                null,
                at,
                at,
                "admin:a",
                at.plusSeconds(600),
                null);
    }

    @Test
    void oneViIsCoveredByIssuerAndJtiOnly() {
        RevocationList list = RevocationList.EMPTY.with(ofVi("https://idp/", "j1"));
        assertTrue(list.covering("https://idp/", "j1", "c", "conv", 0).isPresent());
        assertTrue(list.covering("https://idp/", "j2", "c", "conv", 0).isEmpty());
        assertTrue(list.covering("https://other/", "j1", "c", "conv", 0).isEmpty());
    }

    @Test
    void aClientOrConventionRevocationCoversVisIssuedUpToItsSecond() {
        RevocationList list = RevocationList.EMPTY.with(ofClient("client-a", T)).with(ofConvention("conv-b", T));
        long second = T.getEpochSecond();
        assertTrue(list.covering("i", "j", "client-a", "x", second - 100).isPresent());
        assertTrue(list.covering("i", "j", "client-a", "x", second).isPresent(), "the same second is covered (P-48)");
        assertTrue(list.covering("i", "j", "client-a", "x", second + 1).isEmpty(), "issued after: not covered");
        assertTrue(list.covering("i", "j", "other", "conv-b", second).isPresent());
        assertTrue(list.covering("i", "j", "other", "conv-c", second).isEmpty());
    }

    @Test
    void theLatestRevocationOfAClientDecides() {
        RevocationList list = RevocationList.EMPTY.with(ofClient("c", T)).with(ofClient("c", T.plusSeconds(60)));
        assertTrue(list.covering("i", "j", "c", "x", T.getEpochSecond() + 30).isPresent());
    }

    @Test
    void aRevocationPastItsTimeIsDropped() {
        Revocation r = ofVi("i", "j");
        assertEquals(
                1, RevocationList.of(List.of(r), r.keptUntil().minusSeconds(1)).size());
        assertEquals(0, RevocationList.of(List.of(r), r.keptUntil()).size());
    }
}
