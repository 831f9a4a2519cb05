package fr.interopsr.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.admin.login.AdminAccounts;
import fr.interopsr.devpki.DevPki;
import fr.interopsr.platform.SchemaMigrator;
import fr.interopsr.trace.TraceChain;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 §5: a production start names every development default it reads, and nothing else. */
class ProductionDefaultsTest {

    @TempDir
    static Path dir;

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static List<ProductionDefaults.Finding> check(
            Optional<String> key, List<ProductionDefaults.Store> stores, List<String> accounts) {
        return ProductionDefaults.check(new ProductionDefaults.Inputs(key, stores, accounts));
    }

    @Test
    void thePublishedDevelopmentKeyIsKnownByItsIdInBothServersFiles() throws Exception {
        for (String server : List.of("payara", "wildfly")) {
            Properties dev = new Properties();
            try (InputStream in = Files.newInputStream(Path.of("..", "server-config", server, "dev.properties"))) {
                dev.load(in);
            }
            String key = dev.getProperty("interops.traces.hmac-key");
            assertEquals(
                    ProductionDefaults.DEV_HMAC_KEY_ID,
                    TraceChain.keyIdOf(Base64.getDecoder().decode(key)),
                    server);
            List<ProductionDefaults.Finding> found = check(Optional.of(key), List.of(), List.of());
            assertEquals(1, found.size(), server);
            assertTrue(found.get(0).what().contains("interops.traces.hmac-key"), found.toString());
            assertTrue(found.get(0).replaceWith().contains("interops.traces.hmac-previous-keys"), found.toString());
        }
        assertEquals(List.of(), check(Optional.of(randomKey()), List.of(), List.of()));
        assertEquals(List.of(), check(Optional.empty(), List.of(), List.of()));
        assertEquals(List.of(), check(Optional.of("not base64 !"), List.of(), List.of()));
    }

    @Test
    void theDevelopmentPasswordAndTheDevelopmentPkiAreNamedPerStore() throws Exception {
        Path pki = dir.resolve("dev-pki");
        DevPki.ensure(pki, Instant.now());
        List<ProductionDefaults.Finding> found = check(
                Optional.of(randomKey()),
                List.of(
                        new ProductionDefaults.Store(
                                "interops.truststore.path",
                                "interops.truststore.password",
                                pki.resolve("truststore.p12"),
                                "changeit"),
                        new ProductionDefaults.Store(
                                "javax.net.ssl.keyStore",
                                "javax.net.ssl.keyStorePassword",
                                pki.resolve("server.p12"),
                                "changeit"),
                        new ProductionDefaults.Store(
                                "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", null, "changeit")),
                List.of());
        String all = found.toString();
        assertEquals(4, found.size(), all);
        assertTrue(all.contains("interops.truststore.password is \"changeit\""), all);
        assertTrue(all.contains("javax.net.ssl.keyStorePassword is \"changeit\""), all);
        assertTrue(all.contains("entry " + DevPki.TRUSTSTORE_ALIAS), all);
        assertTrue(all.contains("javax.net.ssl.keyStore " + pki.resolve("server.p12")), all);
        assertFalse(all.contains("javax.net.ssl.trustStore "), "a store not set is not looked at: " + all);
    }

    @Test
    void anInstitutionsOwnStoreWithItsOwnPasswordPasses() throws Exception {
        Instant now = Instant.now();
        DevPki.Ca ca = DevPki.createCa(
                "CN=Agence Exemple CA,O=Agence Exemple,C=FR",
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        Path store = dir.resolve("own.p12");
        char[] password = "a-password-of-its-own".toCharArray();
        DevPki.writePkcs12(store, "ca", ca.privateKey(), password, ca.certificate());
        List<ProductionDefaults.Store> stores = List.of(new ProductionDefaults.Store(
                "interops.signing.keystore", "interops.signing.keystore-password", store, new String(password)));
        assertEquals(List.of(), check(Optional.of(randomKey()), stores, List.of()));
        // the same store under the development password is named for its password only
        List<ProductionDefaults.Finding> found = ProductionDefaults.check(new ProductionDefaults.Inputs(
                Optional.empty(),
                List.of(new ProductionDefaults.Store(
                        "interops.signing.keystore", "interops.signing.keystore-password", store, "changeit")),
                List.of()));
        assertEquals(1, found.size(), found.toString());
    }

    @Test
    void namesOfTheDevelopmentPkiAreRecognisedByTheirOrganisationOnly() {
        assertTrue(ProductionDefaults.isDevPkiName(new X500Principal(DevPki.CA_SUBJECT)));
        for (DevPki.Client c : DevPki.CLIENTS) {
            assertFalse(ProductionDefaults.isDevPkiName(new X500Principal(c.subjectDn())), c.subjectDn());
        }
        assertFalse(ProductionDefaults.isDevPkiName(new X500Principal("CN=x,O=Interops-R Dev Corp,C=FR")));
        assertFalse(ProductionDefaults.isDevPkiName(new X500Principal("CN=Interops-R Dev,C=FR")));
        assertFalse(ProductionDefaults.isDevPkiName(new X500Principal("O=Interops-R Dev\\, Inc,C=FR")));
    }

    @Test
    void enabledDevelopmentAccountsAreNamedUntilDisabledOrGivenANewPassword() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:dev-accounts;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        new SchemaMigrator(ds).migrate();
        try (Connection c = ds.getConnection()) {
            AdminAccounts.save(c, "admin", "hash-1", Set.of("interops-admin"));
            AdminAccounts.save(c, "alice", "hash-a", Set.of("interops-admin"));
            AdminAccounts.markDevelopment(c, "admin");
            assertEquals(List.of("admin"), AdminAccounts.enabledDevelopmentAccounts(c));
            List<ProductionDefaults.Finding> found = check(Optional.empty(), List.of(), List.of("admin"));
            assertTrue(found.get(0).replaceWith().contains("--user admin --disable"), found.toString());

            AdminAccounts.save(c, "admin", "hash-1", Set.of("interops-admin", "interops-auditor"));
            assertEquals(List.of("admin"), AdminAccounts.enabledDevelopmentAccounts(c), "new roles, same password");
            AdminAccounts.setDisabled(c, "admin", true);
            assertEquals(List.of(), AdminAccounts.enabledDevelopmentAccounts(c));
            AdminAccounts.setDisabled(c, "admin", false);
            AdminAccounts.save(c, "admin", "hash-2", Set.of("interops-admin"));
            assertEquals(List.of(), AdminAccounts.enabledDevelopmentAccounts(c), "a new password ends the mark");
        }
    }

    @Test
    void theRefusalListsEveryFindingWithItsReplacement() {
        String message = ProductionDefaults.refusal(List.of(
                new ProductionDefaults.Finding("one", "do this"), new ProductionDefaults.Finding("two", "do that")));
        assertTrue(message.contains("interops.dev.mode is off"), message);
        assertTrue(message.contains("\n  - one: do this\n  - two: do that"), message);
        assertFalse(message.contains("allow-development-defaults"), "the refusal does not advertise the escape");
    }
}
