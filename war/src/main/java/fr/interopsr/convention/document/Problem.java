package fr.interopsr.convention.document;

import java.util.Objects;

/**
 * One reason a convention document is refused (CONTRACT.md: "refused with every problem
 * listed"; IR-20).
 *
 * @param field   JSON-path-like name of the member at fault, e.g.
 *                {@code identityProvider.signatureAlgorithms[1]}; {@code $} for the document itself
 * @param message what is wrong, in plain English, citing the IR-/D- point when there is one
 */
public record Problem(String field, String message) {

    /** The field name used for the document as a whole. */
    public static final String DOCUMENT = "$";

    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
