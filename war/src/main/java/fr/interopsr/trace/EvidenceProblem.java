package fr.interopsr.trace;

import java.util.Locale;

/**
 * One kind of tampering the check found (issue 15), with the chain and the sequence numbers it
 * concerns ({@code from}..{@code to}, inclusive; 0 when none applies) and, when one record shows it,
 * that record's id. The API, the console and the command line report these as they are.
 */
public record EvidenceProblem(Kind kind, String chain, long from, long to, Long recordId, String message) {

    /** What was done to the journal, as far as the check can tell. */
    public enum Kind {
        /** Records deleted at the start or in the middle of a chain (a gap in its sequence). */
        MISSING,
        /** A record whose hash no longer matches: a hashed field was changed, or the record was moved. */
        ALTERED,
        /** A sequence number seen again, or out of order: records renumbered or inserted. */
        DUPLICATED,
        /** Records deleted at the end of a chain, up to the head a checkpoint signed. */
        TRUNCATED,
        /** A whole chain gone that a checkpoint names. */
        CHAIN_MISSING,
        /** A record chained with an HMAC key the check was not given. */
        UNKNOWN_KEY,
        /** Checkpoint rounds deleted (a gap in a signer's rounds, or rounds kept outside and not in the database). */
        CHECKPOINT_MISSING,
        /** A checkpoint changed: its row no longer matches what was signed, or its link to the next is broken. */
        CHECKPOINT_ALTERED,
        /** A checkpoint, round or retention mark whose signature does not verify with a key valid at its time. */
        BAD_SIGNATURE,
        /** A retention mark that does not hold (signed too soon after its cut-off) or does not match its chain. */
        RETENTION_MARK,
        /** The database is behind the checkpoints kept outside it: restored from an older backup, or truncated. */
        ROLLED_BACK;

        /** The name in JSON and on the command line: {@code missing}, {@code rolled-back}, … */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Override
    public String toString() {
        return kind.jsonName() + " " + chain + (from > 0 ? " " + from + (to > from ? ".." + to : "") : "") + ": "
                + message;
    }
}
