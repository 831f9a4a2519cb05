package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One round of checkpoints (issue 15): a node ({@code signer}, its chain's name) signs the head of
 * every chain known at that time. Its rounds are numbered from 1 without gaps and each names the
 * SHA-256 of the previous one's JWS ({@code previous}; 64 zeros before the first), so the rounds of
 * a signer form a hash chain of their own.
 */
public record CheckpointRound(
        String signer, long round, String previous, Instant signedAt, List<Head> heads, String kid, String jws) {

    /** The JWS header's {@code typ}. */
    public static final String TYPE = "trace-round+jwt";

    /** One chain's head as the round saw it. */
    public record Head(String chain, long seq, String hash) {}

    /** The payload a round signs. */
    public static JsonObject payload(String signer, long round, String previous, Instant at, List<Head> heads) {
        JsonArrayBuilder chains = Jsonp.PROVIDER.createArrayBuilder();
        for (Head h : heads) {
            chains.add(Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("chain", h.chain())
                    .add("seq", h.seq())
                    .add("hash", h.hash()));
        }
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("signer", signer)
                .add("round", round)
                .add("previous", previous)
                .add("iat", at.getEpochSecond())
                .add("chains", chains)
                .build();
    }

    /** The round a JWS holds, unverified; empty when it is not a well-formed round. */
    public static Optional<CheckpointRound> parse(String jws) {
        return SignedEvidence.parse(jws).filter(p -> TYPE.equals(p.type())).flatMap(p -> {
            try {
                JsonObject o = p.payload();
                List<Head> heads = new ArrayList<>();
                for (JsonValue v : o.getJsonArray("chains")) {
                    JsonObject h = v.asJsonObject();
                    heads.add(new Head(
                            h.getString("chain"), h.getJsonNumber("seq").longValueExact(), h.getString("hash")));
                }
                JsonNumber iat = o.getJsonNumber("iat");
                return Optional.of(new CheckpointRound(
                        o.getString("signer"),
                        o.getJsonNumber("round").longValueExact(),
                        o.getString("previous"),
                        Instant.ofEpochSecond(iat.longValueExact()),
                        List.copyOf(heads),
                        p.kid(),
                        jws.strip()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** What the next round of this signer names as its {@code previous}. */
    public String digest() {
        return SignedEvidence.digest(jws);
    }
}
