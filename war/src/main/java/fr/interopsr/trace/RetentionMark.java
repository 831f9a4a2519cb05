package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A signed retention mark (issue 15): the retention job removed the records of {@code chain} below
 * {@code keptFrom}, whose predecessor's hash is {@code anchorHash}, because they were older than
 * {@code cutoff} under a retention period of {@code periodDays}. The check accepts missing records
 * only below a mark that {@link #holds()}. A chain {@code rounds:<signer>} is the rounds of a signer.
 */
public record RetentionMark(
        String chain,
        long keptFrom,
        String anchorHash,
        Instant cutoff,
        int periodDays,
        Instant signedAt,
        String kid,
        String jws) {

    public static final String TYPE = "trace-retention+jwt";

    /** The chain name under which the rounds of {@code signer} are marked. */
    public static String roundsOf(String signer) {
        return "rounds:" + signer;
    }

    public static JsonObject payload(
            String chain, long keptFrom, String anchorHash, Instant cutoff, int periodDays, Instant at) {
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("chain", chain)
                .add("keptFrom", keptFrom)
                .add("anchor", anchorHash)
                .add("cutoff", cutoff.toEpochMilli())
                .add("periodDays", periodDays)
                .add("iat", at.getEpochSecond())
                .build();
    }

    public static Optional<RetentionMark> parse(String jws) {
        return SignedEvidence.parse(jws).filter(p -> TYPE.equals(p.type())).flatMap(p -> {
            try {
                JsonObject o = p.payload();
                return Optional.of(new RetentionMark(
                        o.getString("chain"),
                        o.getJsonNumber("keptFrom").longValueExact(),
                        o.getString("anchor"),
                        Instant.ofEpochMilli(o.getJsonNumber("cutoff").longValueExact()),
                        o.getJsonNumber("periodDays").intValueExact(),
                        Instant.ofEpochSecond(o.getJsonNumber("iat").longValueExact()),
                        p.kid(),
                        jws.strip()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** The rule of issue 15: the mark was signed at least its period after its cut-off. */
    public boolean holds() {
        return periodDays >= 0
                && !signedAt.isBefore(cutoff.plus(Duration.ofDays(periodDays)).minusSeconds(1));
    }
}
