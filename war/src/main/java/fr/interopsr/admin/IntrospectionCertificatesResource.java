package fr.interopsr.admin;

import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.ApiContentTypes;
import fr.interopsr.provider.IntrospectionCertificateRecord;
import fr.interopsr.provider.RevocationStore;
import fr.interopsr.provider.Revocations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /admin/api/conventions/{id}/introspection-certificates} (issue 17): the certificates with which the data
 * provider of a convention may call {@code POST /idp/introspect}, besides the document's
 * {@code dataProvider.introspectionCertificate} — uploaded as client certificates are (D-6: one PEM certificate,
 * {@code Content-Type: application/x-pem-file}, not expired, with the clientAuth extended key usage), traced as
 * {@code certificate-uploaded}, in force on this node at once and on the others within 2 s.
 */
@Path("admin/api/conventions/{id}/introspection-certificates")
@RequestScoped
@RolesAllowed(ConventionsResource.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class IntrospectionCertificatesResource {

    private static final Logger LOG = Logger.getLogger(IntrospectionCertificatesResource.class.getName());

    @Inject
    IntrospectionCertificateChanges changes;

    @Inject
    RevocationStore store;

    @Inject
    Revocations revocations;

    @Inject
    SecurityContext security;

    @GET
    public Response list(@PathParam("id") String id) {
        return ConventionsResource.answer(() -> {
            JsonArrayBuilder out = Jsonp.PROVIDER.createArrayBuilder();
            store.introspectionCertificates(id).forEach(c -> out.add(json(c)));
            return ConventionsResource.ok(out.build());
        });
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @ApiContentTypes.Requires(ApiContentTypes.PEM)
    public Response upload(@PathParam("id") String id, @QueryParam("comment") String comment, byte[] body) {
        return ConventionsResource.answer(() -> {
            if (body != null && body.length > PemCertificate.MAX_BYTES) {
                throw AdminRefusal.badRequest("the certificate is larger than " + PemCertificate.MAX_BYTES + " bytes");
            }
            String pem = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            X509Certificate certificate;
            try {
                certificate = PemCertificate.one(pem);
            } catch (IllegalArgumentException e) {
                throw new AdminRefusal(
                        400,
                        "invalid_certificate",
                        "the body is not one PEM X.509 certificate: it " + e.getMessage(),
                        List.of());
            }
            PemCertificate.unusableAsClientCertificate(certificate, Instant.now())
                    .ifPresent(why -> {
                        throw new AdminRefusal(400, "invalid_certificate", why, List.of());
                    });
            IntrospectionCertificateRecord record = changes.upload(
                    id, pem.strip() + "\n", PemCertificate.facts(certificate), actor(), AdminParams.comment(comment));
            try {
                revocations.reloadIntrospectionCertificates();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "introspection certificate uploaded but not reloaded now; the poller will", e);
            }
            return Response.status(201).entity(json(record).toString()).build();
        });
    }

    static JsonObject json(IntrospectionCertificateRecord c) {
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("conventionId", c.conventionId())
                .add("subjectDn", c.subjectDn())
                .add("issuerDn", c.issuerDn())
                .add("sha256", c.sha256())
                .add("notAfter", c.notAfter().toString())
                .add("uploadedAt", c.uploadedAt().toString())
                .add("uploadedBy", c.uploadedBy())
                .build();
    }

    private String actor() {
        Principal caller = security.getCallerPrincipal();
        return caller == null || caller.getName() == null ? "unknown" : caller.getName();
    }
}
