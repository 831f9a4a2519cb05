package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.provider.Fixtures.ViSpec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Drives one {@link Step} alone: a context holding what the earlier steps would have established, and checks. */
final class StepTesting {

    private StepTesting() {}

    /** A context as the transport left it: a call carrying {@code vi}. */
    static ValidationContext context(String vi) {
        return new ValidationContext(Fixtures.request(vi));
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** A context as step 7 leaves it: the VI's claims and facts, the index, and the convention found. */
    static ValidationContext found(Convention convention, ViSpec vi) {
        return found(ConventionIndex.of(List.of(convention), 1), convention, vi, Fixtures.request("not parsed"));
    }

    static ValidationContext found(ConventionIndex index, Convention convention, ViSpec vi, ViRequest request) {
        ValidationContext c = new ValidationContext(request);
        c.claims = json(vi.payloadJson());
        // as step 6 records them: strings that fit the trace columns
        c.facts = new ValidationResult.Facts(
                string(c.claims, "jti", PayloadJsonStep.MAX_JTI),
                string(c.claims, "iss", PayloadJsonStep.MAX_URI),
                string(c.claims, "aud", PayloadJsonStep.MAX_URI),
                string(c.claims, "azp", PayloadJsonStep.MAX_URI));
        c.index = index;
        c.convention = convention;
        return c;
    }

    private static String string(JsonObject o, String name, int max) {
        return o.get(name) instanceof JsonString s && s.getString().length() <= max ? s.getString() : null;
    }

    /** The JWS of a compact VI, as steps 1-5 leave it (the VI must be well formed). */
    static CompactJws jws(String compact) {
        String[] parts = compact.split("\\.", -1);
        JsonObject header = json(new String(CompactJws.decodeBase64Url(parts[0]), StandardCharsets.UTF_8));
        return new CompactJws(
                parts[0],
                parts[1],
                parts[2],
                header,
                JWSAlgorithm.parse(header.getString("alg")),
                header.containsKey("kid") ? header.getString("kid") : null,
                CompactJws.decodeBase64Url(parts[1]));
    }

    static void passes(Step step, ValidationContext context) {
        Verdict v = step.check(context);
        assertSame(Verdict.PASS, v, () -> step + " refused: " + v);
    }

    /** The step refuses, under its own name, with a detail for the trace. */
    static Verdict.Failure fails(Step step, ValidationContext context) {
        Verdict v = step.check(context);
        Verdict.Failure f = assertInstanceOf(Verdict.Failure.class, v, () -> step + " passed");
        assertEquals(step.step(), f.step());
        assertFalse(f.detail().isEmpty());
        assertFalse(f.viMissing());
        return f;
    }

    /** The step refuses, with a detail that contains {@code detailPart}. */
    static Verdict.Failure fails(Step step, ValidationContext context, String detailPart) {
        Verdict.Failure f = fails(step, context);
        assertTrue(f.detail().contains(detailPart), () -> "detail \"" + f.detail() + "\" lacks \"" + detailPart + "\"");
        return f;
    }
}
