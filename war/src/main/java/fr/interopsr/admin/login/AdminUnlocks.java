package fr.interopsr.admin.login;

import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Lifting an administrator's lockout (issue 14 §2): the account's failures are forgotten and its
 * lock lifted, in one transaction with the ADMIN_ACTION trace that says who lifted it (D-17), as
 * every administration change. The operator's command {@code admin-user --unlock} (module {@code tools})
 * does the same from the command line, when no other administrator can log in.
 */
@ApplicationScoped
public class AdminUnlocks {

    /** The trace's step (D-17) of a lift. */
    public static final String UNLOCKED = "admin-unlocked";

    private static final Logger LOG = Logger.getLogger(AdminUnlocks.class.getName());

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    @Inject
    TraceJournal journal;

    /** Lifts {@code username}'s lockout on behalf of {@code actor}; false when there is no such account. */
    @Transactional(rollbackOn = SQLException.class)
    public boolean unlock(String username, String actor) throws SQLException {
        if (!AdminAccounts.validUsername(username)) {
            return false;
        }
        boolean wasLocked;
        try (Connection c = dataSource.getConnection()) {
            if (AdminAccounts.find(c, username).isEmpty()) {
                return false;
            }
            wasLocked = AdminAccounts.loginState(c, username).locked();
            AdminAccounts.unlock(c, username);
        }
        journal.recordWithin(TraceEntry.builder(TraceKind.ADMIN_ACTION, Instant.now())
                .success()
                .adminAction(actor, null)
                .step(UNLOCKED)
                .action(null, null, null, username)
                .detail("administrator " + username + (wasLocked ? " unlocked" : " had no lock")
                        + "; failed logins forgotten")
                .build());
        LOG.info(() -> "administrator " + username + " unlocked by " + actor);
        return true;
    }
}
