package fr.interopsr.provider.beneficiary;

import fr.interopsr.json.Jsonp;
import fr.interopsr.json.StrictJson;
import fr.interopsr.provider.ScopeRoute;
import fr.interopsr.provider.TracedChange;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/beneficiaries} (CONTRACT.md): the sample service. Reading needs the read scope,
 * changing an allowance the write scope (scopes act as roles, IR-12). The list gives only what
 * identifies a beneficiary; the record gives what the allowance decision needs; the NIR never
 * leaves (minimisation, seed 000).
 */
@Path("api/v1/beneficiaries")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BeneficiaryResource {

    public static final String READ = "urn:demo:beneficiaries:1.0:read";
    public static final String WRITE = "urn:demo:beneficiaries:1.0:write";

    /**
     * Which scope each method needs (issue 18 §3), for the access decisions: the same as the methods'
     * {@code @RolesAllowed}, which {@code ScopeRoutesTest} checks by reflection.
     */
    public static final List<ScopeRoute> SCOPE_ROUTES = List.of(
            new ScopeRoute("GET", "api/v1/beneficiaries", READ),
            new ScopeRoute("GET", "api/v1/beneficiaries/{id}", READ),
            new ScopeRoute("PUT", "api/v1/beneficiaries/{id}/allowance", WRITE));

    static final int MAX_PAGE_SIZE = 100;
    private static final Set<String> STATUSES = Set.of("active", "suspended", "closed");

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    @GET
    @RolesAllowed(READ)
    public Response list(@QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        Integer page = number(pageParam, 0);
        Integer size = number(sizeParam, 20);
        if (page == null
                || size == null
                || page < 0
                || size < 1
                || size > MAX_PAGE_SIZE
                || (long) page * size > Integer.MAX_VALUE) {
            return ApiErrors.badRequest("page must be >= 0, size between 1 and " + MAX_PAGE_SIZE
                    + ", and page x size at most " + Integer.MAX_VALUE);
        }
        long total =
                em.createQuery("SELECT COUNT(b) FROM Beneficiary b", Long.class).getSingleResult();
        JsonArrayBuilder items = Jsonp.PROVIDER.createArrayBuilder();
        em.createQuery("SELECT b FROM Beneficiary b ORDER BY b.id", Beneficiary.class)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList()
                .forEach(b -> items.add(Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("id", b.id())
                        .add("familyName", b.familyName())
                        .add("givenName", b.givenName())));
        return Response.ok(Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("items", items)
                        .add("page", page)
                        .add("size", size)
                        .add("total", total)
                        .build()
                        .toString())
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(READ)
    public Response read(@PathParam("id") String id) {
        Beneficiary b = em.find(Beneficiary.class, id);
        return b == null
                ? ApiErrors.notFound("no beneficiary " + id)
                : Response.ok(record(b).toString()).build();
    }

    @PUT
    @Path("{id}/allowance")
    @RolesAllowed(WRITE)
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @TracedChange // its TRANSACTION trace commits before the change (issue 14 §4)
    public Response changeAllowance(@PathParam("id") String id, byte[] body) {
        var parsed = StrictJson.parseObject(body == null ? new byte[0] : body, 4096);
        if (parsed.value().isEmpty()) {
            return ApiErrors.badRequest("the body must be a JSON object: " + parsed.describe());
        }
        JsonObject change = parsed.value().get();
        JsonValue amount = change.get("monthlyAmountCents");
        JsonValue status = change.get("status");
        if (!(amount instanceof JsonNumber n)
                || !n.isIntegral()
                || n.bigIntegerValue().signum() < 0
                || n.bigIntegerValue().bitLength() > 31
                || !(status instanceof JsonString s)
                || !STATUSES.contains(s.getString())
                || change.size() != 2) {
            return ApiErrors.badRequest("expected {\"monthlyAmountCents\": integer >= 0, \"status\": "
                    + "\"active\"|\"suspended\"|\"closed\"} and nothing else");
        }
        Beneficiary b = em.find(Beneficiary.class, id);
        if (b == null) {
            return ApiErrors.notFound("no beneficiary " + id);
        }
        b.changeAllowance(n.intValue(), s.getString(), OffsetDateTime.now(ZoneOffset.UTC));
        return Response.ok(record(b).toString()).build();
    }

    static JsonObject record(Beneficiary b) {
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("id", b.id())
                .add("familyName", b.familyName())
                .add("givenName", b.givenName())
                .add("birthDate", b.birthDate().toString())
                .add("postalCode", b.postalCode())
                .add("city", b.city())
                .add(
                        "allowance",
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("monthlyAmountCents", b.monthlyAllowanceCents())
                                .add("status", b.allowanceStatus()))
                .add(
                        "updatedAt",
                        b.updatedAt().withOffsetSameInstant(ZoneOffset.UTC).toString())
                .build();
    }

    private static Integer number(String s, int fallback) {
        if (s == null || s.isEmpty()) {
            return fallback;
        }
        if (s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(s);
    }
}
