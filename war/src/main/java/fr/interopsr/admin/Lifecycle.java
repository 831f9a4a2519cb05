package fr.interopsr.admin;

import fr.interopsr.convention.document.ConventionStatus;
import java.util.Optional;

/**
 * The life cycle of a convention (issue 4): {@code draft -> active -> suspended <-> active -> retired};
 * {@code draft} may be retired directly, and so may {@code suspended} (retiring must not require a
 * suspended convention to issue VIs again first); {@code retired} is final. Keeping the same status
 * is always allowed (a content change).
 */
public final class Lifecycle {

    private Lifecycle() {}

    /** Why a convention may not go from {@code from} to {@code to}; empty when it may. */
    public static Optional<String> refusal(ConventionStatus from, ConventionStatus to) {
        if (from == ConventionStatus.RETIRED) {
            return Optional.of("the convention is retired, and retired is final: no further revision");
        }
        if (from == to || allowed(from, to)) {
            return Optional.empty();
        }
        return Optional.of("the status cannot change from " + from.jsonName() + " to " + to.jsonName()
                + "; allowed: draft -> active, draft -> retired, active -> suspended, suspended -> active,"
                + " active -> retired, suspended -> retired");
    }

    /** Why a new convention may not start with this status; empty when it may. */
    public static Optional<String> creationRefusal(ConventionStatus status) {
        return status == ConventionStatus.RETIRED
                ? Optional.of("a new convention cannot start retired")
                : Optional.empty();
    }

    private static boolean allowed(ConventionStatus from, ConventionStatus to) {
        return switch (from) {
            case DRAFT -> to == ConventionStatus.ACTIVE || to == ConventionStatus.RETIRED;
            case ACTIVE -> to == ConventionStatus.SUSPENDED || to == ConventionStatus.RETIRED;
            case SUSPENDED -> to == ConventionStatus.ACTIVE || to == ConventionStatus.RETIRED;
            case RETIRED -> false;
        };
    }

    /** What a new revision does, as traced (D-17): a status change only, a retirement, or a content update. */
    public static String changeKind(ConventionStatus from, ConventionStatus to, boolean onlyStatusDiffers) {
        if (to == ConventionStatus.RETIRED && from != ConventionStatus.RETIRED) {
            return AdminAction.RETIRED;
        }
        return from != to && onlyStatusDiffers ? AdminAction.STATUS : AdminAction.UPDATED;
    }
}
