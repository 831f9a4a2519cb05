package fr.interopsr.convention.document;

import java.util.Locale;
import java.util.Optional;

/**
 * eIDAS authentication levels of the VI's {@code acr} claim and of the convention's required
 * level (IR-10, IR-20; checked at §3.5.2 step 11). JSON names {@code eidas1..eidas3}.
 */
public enum AuthenticationLevel {
    EIDAS1,
    EIDAS2,
    EIDAS3;

    /** The JSON and {@code acr} name, e.g. {@code eidas2}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this level is at least {@code required}. */
    public boolean satisfies(AuthenticationLevel required) {
        return compareTo(required) >= 0;
    }

    /** The constant of a JSON name (exact, lower case). */
    public static Optional<AuthenticationLevel> fromJson(String name) {
        for (AuthenticationLevel l : values()) {
            if (l.jsonName().equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
