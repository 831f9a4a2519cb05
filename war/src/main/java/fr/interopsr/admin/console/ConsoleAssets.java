package fr.interopsr.admin.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /admin/assets/{name}} (public): the console's style sheet, from the class path (the
 * JAX-RS application is mapped at "/", so the WAR's static files are not served). Nothing else.
 */
@Path("admin/assets")
public class ConsoleAssets {

    private static final Map<String, String> ASSETS = Map.of("console.css", "text/css;charset=UTF-8");

    @GET
    @Path("{name}")
    public Response asset(@PathParam("name") String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            return Response.status(404)
                    .type("text/plain")
                    .entity("no such asset")
                    .build();
        }
        return Response.ok(read(name), type)
                .header("Cache-Control", "public, max-age=3600")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("asset " + name + " missing from the WAR");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
