package fr.interopsr.admin;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.json.StrictJson;
import fr.interopsr.json.StrictJsonResult;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.provider.Revocation;
import fr.interopsr.provider.Revocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The administrators' revocations (issue 17, the "kill switch"): one VI by {@code jti} (of this server's issuer
 * unless {@code issuer} says otherwise), every VI of a client, or every VI of a convention, issued up to now. Each is
 * committed with its ADMIN_ACTION trace ({@link RevocationChanges}), then in force on this node at once and on the
 * others within 2 s ({@link Revocations}). A revocation is kept until now + the longest VI lifetime of any convention
 * + twice the largest clock skew (P-47): by then no VI it covers can be accepted.
 */
@ApplicationScoped
public class RevocationAdministration {

    private static final Set<String> MEMBERS = Set.of("jti", "issuer", "clientId", "conventionId");

    @Inject
    RevocationChanges changes;

    @Inject
    Revocations revocations;

    @Inject
    ConventionRegistry registry;

    @Inject
    ServerSettings settings;

    /** The revocations in force on this node, newest first. */
    public List<Revocation> list() {
        return revocations.current().all();
    }

    /**
     * Revokes what the body names: exactly one of {@code jti} (with an optional {@code issuer}), {@code clientId},
     * {@code conventionId}.
     */
    public Revocation revoke(byte[] body, String actor, String comment) {
        JsonObject request = parse(body);
        return revoke(
                member(request, "jti"),
                member(request, "issuer"),
                member(request, "clientId"),
                member(request, "conventionId"),
                actor,
                comment);
    }

    /**
     * Revokes one VI ({@code jti}, and {@code issuer} or null for this server's), every VI of a client, or every VI
     * of a convention: exactly one of the three is not null (the console's form and the REST API both end here).
     */
    public Revocation revoke(
            String jti, String issuer, String clientId, String conventionId, String actor, String comment) {
        int named = (jti == null ? 0 : 1) + (clientId == null ? 0 : 1) + (conventionId == null ? 0 : 1);
        if (named != 1) {
            throw AdminRefusal.badRequest("name exactly one of jti, clientId, conventionId");
        }
        if (issuer != null && jti == null) {
            throw AdminRefusal.badRequest("issuer goes with jti only");
        }
        ConventionIndex index = registry.index();
        Instant now = Instant.now();
        Instant keptUntil = now.plusSeconds(longestAcceptance(index));
        Integer revision = null;
        Revocation revocation;
        if (jti != null) {
            if (jti.length() > 128 || !jti.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw AdminRefusal.badRequest("jti must be 1..128 printable US-ASCII characters");
            }
            String iss = issuer == null ? settings.issuer() : issuer;
            if (iss == null) {
                throw AdminRefusal.badRequest("this server has no issuer of its own: name the VI's issuer");
            }
            revocation = new Revocation(
                    UUID.randomUUID().toString(),
                    Revocation.Kind.VI,
                    iss,
                    jti,
                    null,
                    null,
                    now,
                    now,
                    "admin:" + actor,
                    keptUntil,
                    comment);
        } else if (clientId != null) {
            if (index.methodOf(clientId).isEmpty()) {
                throw AdminRefusal.notFound("no client " + clientId);
            }
            revocation = new Revocation(
                    UUID.randomUUID().toString(),
                    Revocation.Kind.CLIENT,
                    null,
                    null,
                    clientId,
                    null,
                    now,
                    now,
                    "admin:" + actor,
                    keptUntil,
                    comment);
        } else {
            Convention convention =
                    index.byId(conventionId).orElseThrow(() -> AdminRefusal.notFound("no convention " + conventionId));
            revision = convention.revision();
            revocation = new Revocation(
                    UUID.randomUUID().toString(),
                    Revocation.Kind.CONVENTION,
                    null,
                    null,
                    null,
                    conventionId,
                    now,
                    now,
                    "admin:" + actor,
                    keptUntil,
                    comment);
        }
        changes.record(revocation, actor, revision, comment);
        revocations.applied(revocation);
        return revocation;
    }

    /**
     * Seconds after now during which a VI issued up to now may still be accepted: the longest
     * {@code tokenLifetimeSeconds} (step 10 accepts {@code exp - iat} up to it + skew) + twice the largest
     * {@code allowedClockSkewSeconds} (and {@code exp} + skew).
     */
    static long longestAcceptance(ConventionIndex index) {
        long lifetime = 0;
        long skew = 0;
        for (Convention c : index.all()) {
            lifetime = Math.max(lifetime, c.document().identityProvider().tokenLifetimeSeconds());
            skew = Math.max(skew, c.document().dataProvider().allowedClockSkewSeconds());
        }
        return lifetime + 2 * skew;
    }

    private static JsonObject parse(byte[] body) {
        StrictJsonResult<JsonObject> read = StrictJson.parseObject(body == null ? new byte[0] : body, 64 * 1024);
        if (read.value().isEmpty()) {
            throw AdminRefusal.badRequest(
                    "the body must be a JSON object with jti, clientId or conventionId: " + read.detail());
        }
        JsonObject o = read.value().get();
        for (String name : o.keySet()) {
            if (!MEMBERS.contains(name)) {
                throw AdminRefusal.badRequest(
                        "unknown member " + name + "; allowed: jti, issuer, clientId, conventionId");
            }
        }
        return o;
    }

    private static String member(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s) || s.getString().isEmpty()) {
            throw AdminRefusal.badRequest(name + " must be a non-empty string");
        }
        return s.getString();
    }
}
