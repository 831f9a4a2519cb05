package fr.interopsr.admin.login;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The application's identity store (D-21): administrators from {@code admin_user}, checked with
 * their PBKDF2 hash; their roles are the groups the container sees. A disabled account is refused
 * (issue 14), after its hash has been checked like any other, so that timing does not tell it.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(AdminIdentityStore.class.getName());

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential up) || !AdminAccounts.validUsername(up.getCaller())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        try (Connection c = dataSource.getConnection()) {
            return AdminAccounts.find(c, up.getCaller())
                    .filter(a -> PasswordHashes.verify(up.getPassword().getValue(), a.passwordHash()))
                    .filter(a -> !a.disabled())
                    .map(a -> new CredentialValidationResult(a.username(), a.roles()))
                    .orElse(CredentialValidationResult.INVALID_RESULT);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "administrator accounts unavailable", e);
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
    }

    /** The account as it stands in the database now (issue 14: the truth for every node's sessions). */
    public Optional<AdminAccounts.Account> account(String username) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return AdminAccounts.find(c, username);
        }
    }
}
