package fr.interopsr.access;

import fr.interopsr.convention.Convention;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the access decisions need to know of the conventions' history (D-14: every revision kept; seed 003: the
 * rules of every past decision can be identified). A revision is in force from its creation time (revisions have no
 * effective-from date of their own: P-68) until the next revision of its convention.
 */
public interface ConventionTimeline {

    /**
     * One revision and when it came into force.
     *
     * @param convention the revision
     * @param from       its creation time, from which it is in force
     */
    record Revision(Convention convention, Instant from) {}

    /** The revision of every convention in force at {@code at} (retired ones included; none for a later one). */
    List<Revision> inForceAt(Instant at);

    /** Revision {@code n} of a convention. */
    Optional<Revision> revision(String conventionId, int n);

    /** The current revision of a convention. */
    Optional<Revision> current(String conventionId);
}
