package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests of {@link ApiContentTypes}: which resource methods must declare which content type (issue 14). */
class ApiContentTypesTest {

    @Path("admin/api/things")
    static class Admin {
        @GET
        public void list() {}

        @POST
        public void create() {}

        @PUT
        @Path("{id}")
        public void update() {}

        @DELETE
        @Path("{id}")
        public void retire() {}

        @PATCH
        @Path("{id}")
        public void patch() {}

        @HEAD
        public void head() {}

        @OPTIONS
        public void options() {}

        @POST
        @Path("{id}/pem")
        @ApiContentTypes.Requires(ApiContentTypes.PEM)
        public void upload() {}

        public void notAResourceMethod() {}
    }

    /** What a CDI proxy looks like: a subclass without the annotations. */
    static class AdminProxy extends Admin {
        @Override
        public void create() {}
    }

    @Path("/access/")
    static class Access {
        @POST
        @Path("/v1//decisions/")
        public void evaluate() {}
    }

    @Path("admin")
    static class Console {
        @POST
        @Path("api")
        public void exactlyTheApi() {}

        @POST
        @Path("conventions/{id}")
        public void form() {}
    }

    @Path("api/v1/beneficiaries")
    static class DataProvider {
        @PUT
        public void write() {}
    }

    @Path("accessories")
    static class Elsewhere {
        @POST
        public void post() {}
    }

    private static Optional<String> of(Class<?> type, String method) throws Exception {
        return ApiContentTypes.requiredType(type, type.getMethod(method));
    }

    @Test
    void everyChangingMethodUnderTheAdminApiNeedsJson() throws Exception {
        for (String m : new String[] {"create", "update", "retire", "patch"}) {
            assertEquals(Optional.of(ApiContentTypes.JSON), of(Admin.class, m), m);
        }
    }

    @Test
    void safeMethodsAndPlainMethodsAreLeftAlone() throws Exception {
        for (String m : new String[] {"list", "head", "options", "notAResourceMethod"}) {
            assertEquals(Optional.empty(), of(Admin.class, m), m);
        }
    }

    @Test
    void aMethodMayDeclareItsOneOtherType() throws Exception {
        assertEquals(Optional.of(ApiContentTypes.PEM), of(Admin.class, "upload"));
    }

    @Test
    void theAnnotationsAreFoundThroughAProxySubclass() throws Exception {
        assertEquals(Optional.of(ApiContentTypes.JSON), of(AdminProxy.class, "create"));
        assertEquals(
                Optional.of(ApiContentTypes.JSON),
                ApiContentTypes.requiredType(AdminProxy.class, Admin.class.getMethod("update")));
    }

    @Test
    void theRuleCoversAccessByItsDeclaredPathAlready() throws Exception {
        // D-27: /access does not exist yet; its resources will be covered by their path
        assertEquals(Optional.of(ApiContentTypes.JSON), of(Access.class, "evaluate"));
    }

    @Test
    void theDeclaredPathIsJoinedFromTheClassAndTheMethod() throws Exception {
        assertEquals(Optional.of(ApiContentTypes.JSON), of(Console.class, "exactlyTheApi"));
        assertEquals(Optional.empty(), of(Console.class, "form"), "the console has its CSRF token (D-21)");
    }

    @Test
    void otherPathsAreNotConcerned() throws Exception {
        assertEquals(Optional.empty(), of(DataProvider.class, "write"));
        assertEquals(Optional.empty(), of(Elsewhere.class, "post"), "a prefix is a whole segment");
    }

    @Test
    void onlyTheRequiredTypeIsAccepted() {
        assertTrue(ApiContentTypes.accepts("application/json", ApiContentTypes.JSON));
        assertTrue(ApiContentTypes.accepts("Application/JSON", ApiContentTypes.JSON));
        assertTrue(ApiContentTypes.accepts(" application/json ; charset=UTF-8", ApiContentTypes.JSON));
        assertTrue(ApiContentTypes.accepts("application/x-pem-file", ApiContentTypes.PEM));
        for (String refused : new String[] {
            null,
            "",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json, text/plain",
            "application/jsonx",
            "application/json-patch+json",
            "application/*",
            "*/*",
            "application/x-pem-file"
        }) {
            assertFalse(ApiContentTypes.accepts(refused, ApiContentTypes.JSON), String.valueOf(refused));
        }
        assertFalse(ApiContentTypes.accepts("application/json", ApiContentTypes.PEM));
    }

    @Test
    void theMethodOfAResourceInfoMayBeMissing() throws Exception {
        Method m = Admin.class.getMethod("create");
        assertEquals(Optional.empty(), ApiContentTypes.requiredType(null, m));
        assertEquals(Optional.empty(), ApiContentTypes.requiredType(Admin.class, null));
    }
}
