package fr.interopsr.provider.beneficiary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Bench build only (issue 8, row 4): the control for the data provider's figure. It answers
 * {@code GET /bench-control/v1/beneficiaries/{id}} with the very record that
 * {@code GET /api/v1/beneficiaries/{id}} answers (same JPA read, same JSON), but outside
 * {@code /api/}: no VI is asked for, checked or traced. {@code bench/compare.sh} compiles it into a
 * copy of the WAR that only the benchmark deploys; the WAR that is built, tested and shipped never
 * holds it.
 */
@Path("bench-control/v1/beneficiaries")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UncheckedBeneficiaryResource {

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    @GET
    @Path("{id}")
    public Response read(@PathParam("id") String id) {
        Beneficiary b = em.find(Beneficiary.class, id);
        return b == null
                ? ApiErrors.notFound("no beneficiary " + id)
                : Response.ok(BeneficiaryResource.record(b).toString()).build();
    }
}
