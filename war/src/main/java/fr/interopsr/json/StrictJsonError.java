package fr.interopsr.json;

/**
 * Why {@link StrictJson} refused its input (Interops-R §3.5.2 steps 3 and 6: the JOSE header and
 * the payload of a VI must be UTF-8 JSON without duplicate members; the same rule guards the
 * convention documents of IR-20).
 */
public enum StrictJsonError {
    /** More bytes than the caller's cap. */
    TOO_LARGE,
    /** Not UTF-8: malformed or overlong sequences, encoded surrogates, a byte order mark, or an escaped unpaired surrogate. */
    NOT_UTF8,
    /** Not one JSON text: syntax error, empty input, or content after the value. */
    NOT_JSON,
    /** Valid JSON, but an object was required. */
    NOT_AN_OBJECT,
    /** An object holds the same member name twice ({@code detail} is the name). */
    DUPLICATE_MEMBER,
    /** Objects and arrays nested deeper than the limit. */
    TOO_DEEP
}
