package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one path rule of issue 14 ({@link CanonicalPath}), driven on the variants an attacker tries. */
class CanonicalPathTest {

    private static final String CONTEXT = "/interops";

    /** The verdict when the container routes what a generous reader makes of the raw path. */
    private static CanonicalPath.Verdict decodingContainer(String raw) {
        String routed = CanonicalPath.normalise(raw).substring(CONTEXT.length());
        return CanonicalPath.check(raw, CONTEXT, "", routed);
    }

    /** The verdict when the container routes the raw path as it came (decodes nothing). */
    private static CanonicalPath.Verdict literalContainer(String raw) {
        return CanonicalPath.check(raw, CONTEXT, "", raw.substring(CONTEXT.length()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/interops/admin/api/conventions",
                "/interops/admin/api/conventions/demo-beneficiaries-basic/secret",
                "/interops/admin/",
                "/interops/admin",
                "/interops/admin/login",
                "/interops/api/v1/beneficiaries/42",
                "/interops/idp/token",
                "/interops/access/v1/decisions",
                "/interops/.well-known/oauth-authorization-server",
                "/interops/metrics"
            })
    void plainPathsPassWithTheirRoutedPath(String raw) {
        CanonicalPath.Verdict v = CanonicalPath.check(raw, CONTEXT, "", raw.substring(CONTEXT.length()));
        assertFalse(v.refused(), raw);
        assertEquals(raw.substring(CONTEXT.length()), v.path());
    }

    @Test
    void theBranchIsChosenFromTheServletPathAndPathInfo() {
        CanonicalPath.Verdict v = CanonicalPath.check("/interops/idp/token", CONTEXT, "/idp/token", null);
        assertEquals("/idp/token", v.path());
        assertFalse(v.refused());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // the reproduction: path parameters
                "/interops/admin/api;x/conventions",
                "/interops/admin/api;x/conventions/demo-beneficiaries-basic/secret",
                "/interops/admin;x/api/conventions",
                "/interops/admin/api/conventions;jsessionid=ABC",
                "/interops;x/admin/api/conventions",
                "/interops/api;/v1/beneficiaries/42",
                "/interops/idp/token;x",
                "/interops/access;a=b/v1/decisions",
                // percent-encoded characters
                "/interops/admin%2Fapi/conventions",
                "/interops/admin%2fapi/conventions",
                "/interops/admin/%2E%2E/admin/api/conventions",
                "/interops/admin/api%5Cconventions",
                "/interops/%61dmin/api/conventions",
                "/interops/admin/%61pi/conventions",
                "/interops/%2561dmin/api/conventions",
                "/interops/api/v1/beneficiaries/%34%32",
                "/interops/idp/tok%65n",
                "/interops/admin/api/conventions/demo%2Dbeneficiaries%2Dbasic/secret",
                "/%69nterops/admin/api/conventions",
                // dot segments
                "/interops/admin/./api/conventions",
                "/interops/admin/x/../api/conventions",
                "/interops/metrics/../admin/api/conventions",
                "/interops/./api/v1/beneficiaries",
                "/interops/admin/api/conventions/.",
                "/interops/idp/../idp/token",
                // repeated slashes
                "/interops//admin/api/conventions",
                "/interops/admin//api/conventions",
                "/interops/api//v1/beneficiaries/42",
                "/interops/admin/api/conventions//",
                // backslash
                "/interops/admin\\api/conventions",
            })
    void everyVariantOfAGuardedPathIsRefusedWhateverTheContainerDecodes(String raw) {
        assertTrue(decodingContainer(raw).refused(), raw + " on a decoding container");
        assertTrue(literalContainer(raw).refused() || !raw.startsWith(CONTEXT + "/"), raw + " on a literal container");
    }

    @Test
    void aContainerThatRoutesWhatTheRawPathDoesNotSayIsRefusedUnderAGuardedPrefix() {
        // the raw path looks plain but the container routes elsewhere: never trust one reader only
        assertTrue(CanonicalPath.check("/interops/admin/api/x", CONTEXT, "", "/admin/api/y")
                .refused());
        assertTrue(CanonicalPath.check("/interops/assets/x", CONTEXT, "", "/admin/api/conventions")
                .refused());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/interops/metrics;x", "/interops/assets/a%20b.css", "/interops/health//x"})
    void variantsOutsideTheGuardedPrefixesAreLeftToTheContainer(String raw) {
        assertFalse(decodingContainer(raw).refused(), raw);
    }

    @Test
    void aGuardedPrefixIsAWholeSegment() {
        assertTrue(CanonicalPath.guarded("/admin"));
        assertTrue(CanonicalPath.guarded("/admin/api"));
        assertTrue(CanonicalPath.guarded("/access/v1"));
        assertFalse(CanonicalPath.guarded("/administrator"));
        assertFalse(CanonicalPath.guarded("/apis"));
        assertFalse(CanonicalPath.guarded("/"));
    }

    @Test
    void theNormalisationIsGenerous() {
        assertEquals("/interops/admin/api/conventions", CanonicalPath.normalise("/interops/admin/api;x/conventions"));
        assertEquals("/interops/admin/api/conventions", CanonicalPath.normalise("/interops/admin%2Fapi/conventions"));
        assertEquals("/interops/admin/api", CanonicalPath.normalise("/interops/x/..//admin/./api/"));
        assertEquals("/interops/admin/api", CanonicalPath.normalise("/interops/admin%5Capi"));
        assertEquals("/interops/admin/%zz", CanonicalPath.normalise("/interops/admin/%zz"));
        assertEquals("/", CanonicalPath.normalise("/../.."));
    }
}
