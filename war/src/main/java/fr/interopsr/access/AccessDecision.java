package fr.interopsr.access;

import java.time.Instant;
import java.util.List;

/**
 * The answer to an {@link AccessQuestion} (issue 18 §3): the decision, and the reason in the data provider's own
 * terms — the refusing step as its traces name it ({@code convention}, {@code origin}, {@code mtls},
 * {@code target_service}, {@code scopes_allowed}, {@code environment}, {@code resource_scope}, {@code resource}) and
 * the error the call would get — with the convention id and revision the rules came from.
 *
 * @param allowed            the AuthZEN {@code decision}
 * @param step               the refusing step, null when allowed
 * @param error              the error the call would get ({@code invalid_token}, {@code insufficient_scope},
 *                           {@code not_found}, {@code method_not_allowed}), null when allowed
 * @param detail             the exact reason (or, when allowed, what held)
 * @param conventionId       the convention whose rules decided; null when none was found
 * @param conventionRevision its revision (D-14); null when none was found
 * @param revisionFrom       when that revision came into force (its creation time, P-68); null when none
 * @param clientId           the client of that convention (or the client asked about)
 * @param requiredScope      the scope the resource's method requires; null when no resource answers the URI
 * @param at                 the time of the call judged
 * @param replay             true when the time is in the past or a recorded revision was used: the rules of that
 *                           time or trace, not of now
 * @param pinned             true when the revision is the one a recorded trace names (a replay of a trace)
 * @param currentInputs      the inputs that are not versioned and were taken as they are now
 * @param ignoredInputs      members of the question that no rule reads (headers), so that nobody believes they
 *                           were weighed
 */
public record AccessDecision(
        boolean allowed,
        String step,
        String error,
        String detail,
        String conventionId,
        Integer conventionRevision,
        Instant revisionFrom,
        String clientId,
        String requiredScope,
        Instant at,
        boolean replay,
        boolean pinned,
        List<String> currentInputs,
        List<String> ignoredInputs) {

    /** The inputs that have no history: they are always read as they are at the time of the question (P-68). */
    public static final List<String> NOT_VERSIONED =
            List.of("uploaded_certificates", "trust_store_and_crls", "trusted_proxies", "service_ids");

    public AccessDecision {
        currentInputs = List.copyOf(currentInputs);
        ignoredInputs = List.copyOf(ignoredInputs);
    }
}
