package fr.interopsr.admin.login;

import fr.interopsr.metrics.MetricsRegistry;
import io.micrometer.core.instrument.Counter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

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

    private final Config config = ConfigProvider.getConfig();

    @Inject
    MetricsRegistry metrics;

    private LoginGuard guard;

    @PostConstruct
    void start() {
        LoginGuard.Settings d = LoginGuard.Settings.DEFAULTS;
        guard = new LoginGuard(
                new LoginGuard.Settings(
                        setting("interops.admin.login.account-backoff-after", d.accountBackoffAfter()),
                        setting("interops.admin.login.lock-after", d.lockAfter()),
                        setting("interops.admin.login.address-backoff-after", d.addressBackoffAfter()),
                        Duration.ofMillis(setting("interops.admin.login.backoff-base-ms", (int)
                                d.backoffBase().toMillis())),
                        Duration.ofSeconds(setting("interops.admin.login.backoff-max-seconds", (int)
                                d.backoffMax().getSeconds())),
                        setting("interops.admin.login.max-addresses", d.maxAddresses())),
                Clock.systemUTC(),
                PasswordHashes::verify);
    }

    private int setting(String key, int fallback) {
        return config.getOptionalValue(key, Integer.class).orElse(fallback);
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        return validate(credential, null);
    }

    /**
     * Checks an administrator's credential from {@code address} (issue 14 §2): back-off per account
     * and per address, lockout, a dummy hash when the account does not exist. Every refusal is the
     * same INVALID result; the log and the metric {@code interops.admin.login.refusals} say why.
     */
    public CredentialValidationResult validate(Credential credential, String address) {
        if (!(credential instanceof UsernamePasswordCredential up) || !AdminAccounts.validUsername(up.getCaller())) {
            if (credential instanceof UsernamePasswordCredential up) {
                guard.attempt(
                        Optional.empty(),
                        LoginGuard.AccountState.CLEAN,
                        address,
                        up.getPassword().getValue());
            }
            return CredentialValidationResult.INVALID_RESULT;
        }
        try (Connection c = dataSource.getConnection()) {
            String user = up.getCaller();
            Optional<AdminAccounts.Account> account = AdminAccounts.find(c, user);
            LoginGuard.AccountState before =
                    account.isPresent() ? AdminAccounts.loginState(c, user) : LoginGuard.AccountState.CLEAN;
            LoginGuard.Verdict verdict =
                    guard.attempt(account, before, address, up.getPassword().getValue());
            if (verdict.outcome().accepted()) {
                if (verdict.newState().isPresent()) {
                    AdminAccounts.saveLoginState(c, user, verdict.newState().get());
                }
                return new CredentialValidationResult(
                        account.get().username(), account.get().roles());
            }
            boolean lockedNow = false;
            if (verdict.newState().isPresent()) {
                // counted in the database itself: parallel attempts cannot overwrite each other's count
                LoginGuard.AccountState after = AdminAccounts.recordFailure(
                        c,
                        user,
                        verdict.newState().get().lastFailure(),
                        guard.settings().lockAfter());
                lockedNow = !before.locked() && after.locked();
            }
            refused(verdict.outcome(), user, address, lockedNow);
            return CredentialValidationResult.INVALID_RESULT;
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "administrator accounts unavailable", e);
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
    }

    private void refused(LoginGuard.Outcome outcome, String user, String address, boolean lockedNow) {
        Counter.builder("interops.admin.login.refusals")
                .description("administrator logins refused, by reason (issue 14)")
                .tag("reason", outcome.name().toLowerCase(Locale.ROOT))
                .register(metrics.registry())
                .increment();
        if (lockedNow) {
            Counter.builder("interops.admin.login.lockouts")
                    .description("administrator accounts locked after repeated failed logins (issue 14)")
                    .register(metrics.registry())
                    .increment();
            LOG.warning(() -> "administrator " + user + " locked after repeated failed logins, last from " + address
                    + ": another administrator lifts it (docs/admin-guide.md)");
        } else if (outcome == LoginGuard.Outcome.LOCKED
                || outcome == LoginGuard.Outcome.ACCOUNT_BACKOFF
                || outcome == LoginGuard.Outcome.ADDRESS_BACKOFF) {
            LOG.info(() -> "administrator login refused (" + outcome.name().toLowerCase(Locale.ROOT) + ") for " + user
                    + " from " + address);
        }
    }

    /** The account as it stands in the database now (issue 14: the truth for every node's sessions). */
    public Optional<AdminAccounts.Account> account(String username) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return AdminAccounts.find(c, username);
        }
    }
}
