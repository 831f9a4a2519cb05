package fr.interopsr.convention.document;

import java.util.Locale;
import java.util.Optional;

/**
 * Life-cycle state of a convention; only {@link #ACTIVE} conventions issue and accept VIs
 * (IR-20, D-14: a status change is a new revision). JSON names are lower case.
 */
public enum ConventionStatus {
    DRAFT,
    ACTIVE,
    SUSPENDED,
    RETIRED;

    /** The JSON name, e.g. {@code active}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of a JSON name (exact, lower case). */
    public static Optional<ConventionStatus> fromJson(String name) {
        for (ConventionStatus s : values()) {
            if (s.jsonName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
