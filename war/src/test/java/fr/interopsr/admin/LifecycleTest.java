package fr.interopsr.admin;

import static fr.interopsr.convention.document.ConventionStatus.ACTIVE;
import static fr.interopsr.convention.document.ConventionStatus.DRAFT;
import static fr.interopsr.convention.document.ConventionStatus.RETIRED;
import static fr.interopsr.convention.document.ConventionStatus.SUSPENDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.convention.document.ConventionStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static final Set<String> ALLOWED = Set.of(
            "draft>draft",
            "draft>active",
            "draft>retired",
            "active>active",
            "active>suspended",
            "active>retired",
            "suspended>suspended",
            "suspended>active",
            "suspended>retired");

    @Test
    void everyPairOfStatusesFollowsTheLifeCycle() {
        for (ConventionStatus from : ConventionStatus.values()) {
            for (ConventionStatus to : ConventionStatus.values()) {
                String pair = from.jsonName() + ">" + to.jsonName();
                assertEquals(ALLOWED.contains(pair), Lifecycle.refusal(from, to).isEmpty(), pair);
            }
        }
    }

    @Test
    void retiredIsFinalEvenForTheSameStatus() {
        assertTrue(Lifecycle.refusal(RETIRED, RETIRED).orElseThrow().contains("final"));
        assertTrue(Lifecycle.refusal(RETIRED, ACTIVE).orElseThrow().contains("final"));
    }

    @Test
    void refusalNamesBothStatusesAndWhatIsAllowed() {
        String why = Lifecycle.refusal(SUSPENDED, DRAFT).orElseThrow();
        assertTrue(why.contains("from suspended to draft"), why);
        assertTrue(why.contains("suspended -> active"), why);
        assertTrue(Lifecycle.refusal(DRAFT, SUSPENDED).isPresent());
        assertTrue(Lifecycle.refusal(ACTIVE, DRAFT).isPresent());
    }

    @Test
    void aNewConventionMayStartInAnyStatusButRetired() {
        assertTrue(Lifecycle.creationRefusal(DRAFT).isEmpty());
        assertTrue(Lifecycle.creationRefusal(ACTIVE).isEmpty());
        assertTrue(Lifecycle.creationRefusal(SUSPENDED).isEmpty());
        assertTrue(Lifecycle.creationRefusal(RETIRED).isPresent());
    }

    @Test
    void changeKindIsTracedPrecisely() {
        assertEquals(AdminAction.RETIRED, Lifecycle.changeKind(ACTIVE, RETIRED, true));
        assertEquals(AdminAction.RETIRED, Lifecycle.changeKind(DRAFT, RETIRED, false));
        assertEquals(AdminAction.STATUS, Lifecycle.changeKind(ACTIVE, SUSPENDED, true));
        assertEquals(AdminAction.UPDATED, Lifecycle.changeKind(ACTIVE, SUSPENDED, false));
        assertEquals(AdminAction.UPDATED, Lifecycle.changeKind(ACTIVE, ACTIVE, false));
    }
}
