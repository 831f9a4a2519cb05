package fr.interopsr.app;

import fr.interopsr.admin.login.AdminAccounts;
import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.admin.login.PasswordHashes;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.token.ClientSecretStore;
import fr.interopsr.token.ClientSecrets;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Development mode only ({@code interops.dev.mode=true}, set by {@code mvn -Prun} and the tests):
 * gives every {@code client_secret_basic} client a secret kept in a git-ignored file
 * ({@code interops.dev.secrets-dir}), so that it survives restarts, and prints the URLs and
 * copy-paste curl commands; creates the administrators {@code admin} (both roles) and {@code guest}
 * (no role) with passwords kept in that directory (D-21). Never enabled in production.
 */
@ApplicationScoped
public class DevEnvironment {

    private static final Logger LOG = Logger.getLogger(DevEnvironment.class.getName());

    @Inject
    ServerSettings settings;

    @Inject
    ConventionRegistry registry;

    @Inject
    ClientSecretStore secrets;

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    public void prepare() throws IOException, SQLException {
        Path dir = settings.devSecretsDir();
        OwnerOnlyFiles.directory(dir);
        String adminPassword = devAccount(dir, "admin", AdminRoles.ALL);
        devAccount(dir, "guest", Set.of());
        StringBuilder banner = new StringBuilder();
        DevUrls urls = DevUrls.of(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class));
        String base = "https://localhost:" + urls.httpsPort() + "/interops";
        Path certs = settings.truststoresDir();
        banner.append("\n================ Interops-R Server (development mode) ================\n")
                .append("  readiness  ")
                .append(urls.readiness())
                .append('\n')
                .append("  token      POST ")
                .append(base)
                .append("/idp/token\n")
                .append("  JWK Set    ")
                .append(base)
                .append("/idp/jwks\n")
                .append("  metadata   ")
                .append(base)
                .append("/.well-known/oauth-authorization-server\n");
        Set<String> done = new LinkedHashSet<>();
        for (Convention c : registry.index().all()) {
            var auth = c.document().identityProvider().clientAuthentication();
            if (auth == ClientAuthentication.CLIENT_SECRET_BASIC && c.document().status() != ConventionStatus.RETIRED) {
                devSecret(dir, c.clientId());
            }
            if (!c.active() || !c.issuer().equals(settings.issuer()) || !done.add(c.clientId())) {
                continue;
            }
            banner.append("\n  convention ")
                    .append(c.id())
                    .append(" (client ")
                    .append(c.clientId())
                    .append(", ")
                    .append(auth.jsonName())
                    .append("):\n");
            if (auth == ClientAuthentication.CLIENT_SECRET_BASIC) {
                String secret = devSecret(dir, c.clientId());
                banner.append("    curl --cacert ")
                        .append(certs.resolve("ca.pem"))
                        .append(" -u '")
                        .append(c.clientId())
                        .append(':')
                        .append(secret)
                        .append("' \\\n")
                        .append("         -d grant_type=client_credentials ")
                        .append(base)
                        .append("/idp/token\n");
            } else {
                banner.append("    curl --cacert ")
                        .append(certs.resolve("ca.pem"))
                        .append(" --cert ")
                        .append(certs.resolve(c.clientId() + ".pem"))
                        .append(" \\\n")
                        .append("         -d grant_type=client_credentials ")
                        .append(base)
                        .append("/idp/token\n");
            }
        }
        banner.append("\n  console    ")
                .append(base)
                .append("/admin/   (user admin, password ")
                .append(adminPassword)
                .append(")\n")
                .append("  admin API  curl --cacert ")
                .append(certs.resolve("ca.pem"))
                .append(" -u 'admin:")
                .append(adminPassword)
                .append("' ")
                .append(base)
                .append("/admin/api/conventions\n");
        banner.append("======================================================================\n");
        LOG.info(banner::toString);
    }

    /**
     * A development administrator (D-21): its password read from its file, or made and written there;
     * the account is (re)written with that password and these roles.
     */
    private String devAccount(Path dir, String username, Set<String> roles) throws IOException, SQLException {
        Path file = dir.resolve(username + ".password");
        String password;
        if (Files.isReadable(file)) {
            password = OwnerOnlyFiles.read(file).strip();
        } else {
            password = PasswordHashes.randomPassword();
            OwnerOnlyFiles.write(file, password + "\n");
        }
        try (Connection c = dataSource.getConnection()) {
            var existing = AdminAccounts.find(c, username);
            if (existing.isEmpty()
                    || !PasswordHashes.verify(
                            password.toCharArray(), existing.get().passwordHash())
                    || !existing.get().roles().equals(roles)) {
                AdminAccounts.save(c, username, PasswordHashes.hash(password.toCharArray()), roles);
                LOG.info("development administrator " + username + " " + roles + " (" + file + ")");
            }
            AdminAccounts.markDevelopment(c, username); // a production start refuses it (issue 14 §5)
        }
        return password;
    }

    /** The client's development secret: read from its file, or made, stored and written there. */
    private String devSecret(Path dir, String clientId) throws IOException {
        Path file = dir.resolve(clientId + ".secret");
        String secret;
        if (Files.isReadable(file)) {
            secret = OwnerOnlyFiles.read(file).strip();
        } else {
            secret = ClientSecrets.generate();
            OwnerOnlyFiles.write(file, secret + "\n");
        }
        String hash = ClientSecrets.hash(secret);
        if (!secrets.currentHashes(clientId).contains(hash)) {
            secrets.add(clientId, hash, -1);
            LOG.info("development secret registered for client " + clientId + " (" + file + ")");
        }
        return secret;
    }
}
