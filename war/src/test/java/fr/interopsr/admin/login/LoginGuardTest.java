package fr.interopsr.admin.login;

import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.admin.login.LoginGuard.AccountState;
import fr.interopsr.admin.login.LoginGuard.Outcome;
import fr.interopsr.admin.login.LoginGuard.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 §2, the administrators' login rule with a fixed clock: back-off per account and per
 * address, the lockout that holds until lifted, a locked account refused even with its right
 * password, and one hash verification on every attempt (a dummy one for an unknown account).
 */
class LoginGuardTest {

    private static final String HASH = "hash-of-alice";
    private static final String DUMMY = "dummy-hash";
    private static final Optional<AdminAccounts.Account> ALICE =
            Optional.of(new AdminAccounts.Account("alice", HASH, Set.of(AdminRoles.ADMIN), false));
    private static final char[] RIGHT = "right".toCharArray();
    private static final char[] WRONG = "wrong".toCharArray();

    private final MutableClock clock = new MutableClock();
    private final List<String> verified = new ArrayList<>();
    private final LoginGuard.Verifier verifier = (password, hash) -> {
        verified.add(hash);
        return hash.equals(HASH) && new String(password).equals("right");
    };
    private final LoginGuard guard = new LoginGuard(LoginGuard.Settings.DEFAULTS, clock, verifier, DUMMY);

    @Test
    void anUnknownAccountCostsOneHashVerificationOfTheDummyHash() {
        Verdict v = guard.attempt(Optional.empty(), AccountState.CLEAN, "192.0.2.1", RIGHT);
        assertEquals(Outcome.UNKNOWN_ACCOUNT, v.outcome());
        assertEquals(List.of(DUMMY), verified, "the dummy hash was verified, once");
        assertTrue(v.newState().isEmpty());
    }

    @Test
    void theDummyHashHasTheParametersOfRealHashes() {
        List<String> seen = new ArrayList<>();
        LoginGuard real = new LoginGuard(LoginGuard.Settings.DEFAULTS, clock, (p, h) -> seen.add(h) && false);
        real.attempt(Optional.empty(), AccountState.CLEAN, null, RIGHT);
        String[] parts = seen.get(0).split(":");
        assertEquals(PasswordHashes.ALGORITHM, parts[0]);
        assertEquals(String.valueOf(PasswordHashes.ITERATIONS), parts[1]);
    }

    @Test
    void everyOutcomeVerifiesExactlyOneHash() {
        AccountState locked = new AccountState(10, clock.instant(), clock.instant());
        guard.attempt(ALICE, locked, "192.0.2.1", RIGHT);
        var disabled = Optional.of(new AdminAccounts.Account("bob", HASH, Set.of(), true));
        guard.attempt(disabled, AccountState.CLEAN, "192.0.2.2", RIGHT);
        guard.attempt(ALICE, AccountState.CLEAN, "192.0.2.3", WRONG);
        guard.attempt(ALICE, AccountState.CLEAN, "192.0.2.4", RIGHT);
        assertEquals(List.of(HASH, HASH, HASH, HASH), verified);
    }

    @Test
    void aDisabledAccountIsRefusedAfterItsHashWasChecked() {
        var disabled = Optional.of(new AdminAccounts.Account("bob", HASH, Set.of(), true));
        assertEquals(
                Outcome.DISABLED,
                guard.attempt(disabled, AccountState.CLEAN, null, RIGHT).outcome());
        assertEquals(List.of(HASH), verified);
    }

    @Test
    void theRightPasswordLogsInAndClearsTheFailures() {
        Verdict v = guard.attempt(ALICE, new AccountState(2, clock.instant().minusSeconds(5), null), null, RIGHT);
        assertEquals(Outcome.ACCEPTED, v.outcome());
        assertEquals(Optional.of(AccountState.CLEAN), v.newState());
        assertTrue(
                guard.attempt(ALICE, AccountState.CLEAN, null, RIGHT).newState().isEmpty(), "nothing to store");
    }

    @Test
    void anAccountBacksOffAfterThreeFailuresDoublingUpToAMinute() {
        AccountState s = AccountState.CLEAN;
        for (int i = 0; i < 3; i++) {
            Verdict v = guard.attempt(ALICE, s, "192.0.2." + i, WRONG);
            assertEquals(Outcome.WRONG_PASSWORD, v.outcome());
            s = v.newState().orElseThrow();
        }
        assertEquals(3, s.failures());
        // 1 s after the third failure: even the right password waits, and the attempt counts
        Verdict waiting = guard.attempt(ALICE, s, "192.0.2.9", RIGHT);
        assertEquals(Outcome.ACCOUNT_BACKOFF, waiting.outcome());
        s = waiting.newState().orElseThrow();
        assertEquals(4, s.failures());
        clock.advance(Duration.ofMillis(1999));
        assertEquals(
                Outcome.ACCOUNT_BACKOFF,
                guard.attempt(ALICE, s, "192.0.2.9", RIGHT).outcome());
        clock.advance(Duration.ofMillis(1));
        assertEquals(
                Outcome.ACCEPTED, guard.attempt(ALICE, s, "192.0.2.9", RIGHT).outcome());

        assertEquals(Duration.ZERO, guard.wait(2, 3));
        assertEquals(Duration.ofSeconds(1), guard.wait(3, 3));
        assertEquals(Duration.ofSeconds(32), guard.wait(8, 3));
        assertEquals(Duration.ofSeconds(60), guard.wait(9, 3));
        assertEquals(Duration.ofSeconds(60), guard.wait(500, 3));
    }

    @Test
    void tenFailuresLockTheAccountUntilLiftedWhateverTheTime() {
        AccountState s = AccountState.CLEAN;
        for (int i = 0; i < 10; i++) {
            Verdict v = guard.attempt(ALICE, s, "198.51.100." + i, WRONG);
            assertNotEquals(Outcome.ACCEPTED, v.outcome());
            assertEquals(i == 9, v.lockedNow(s), "locked by the tenth failure only");
            s = v.newState().orElseThrow();
        }
        assertTrue(s.locked());
        clock.advance(Duration.ofDays(30));
        Verdict v = guard.attempt(ALICE, s, "203.0.113.1", RIGHT);
        assertEquals(Outcome.LOCKED, v.outcome(), "the right password is refused while locked");
        assertTrue(v.newState().isEmpty(), "a locked account's state stays as it is");
        // the lift (AdminAccounts.unlock) stores a clean state: the right password works again
        assertEquals(
                Outcome.ACCEPTED,
                guard.attempt(ALICE, AccountState.CLEAN, "203.0.113.1", RIGHT).outcome());
    }

    @Test
    void anAddressBacksOffAfterTenFailuresWhateverTheAccounts() {
        for (int i = 0; i < 10; i++) {
            assertEquals(
                    Outcome.UNKNOWN_ACCOUNT,
                    guard.attempt(Optional.empty(), AccountState.CLEAN, "192.0.2.7", WRONG)
                            .outcome());
        }
        assertEquals(
                Outcome.ADDRESS_BACKOFF,
                guard.attempt(ALICE, AccountState.CLEAN, "192.0.2.7", RIGHT).outcome());
        assertEquals(
                Outcome.ACCEPTED,
                guard.attempt(ALICE, AccountState.CLEAN, "192.0.2.8", RIGHT).outcome(),
                "another address is not concerned");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(
                Outcome.ACCEPTED,
                guard.attempt(ALICE, AccountState.CLEAN, "192.0.2.7", RIGHT).outcome());
        // a success forgets the address
        assertEquals(
                Outcome.UNKNOWN_ACCOUNT,
                guard.attempt(Optional.empty(), AccountState.CLEAN, "192.0.2.7", WRONG)
                        .outcome());
    }

    @Test
    void aNodeRemembersABoundedNumberOfAddresses() {
        LoginGuard small = new LoginGuard(
                new LoginGuard.Settings(3, 10, 10, Duration.ofSeconds(1), Duration.ofSeconds(60), 100),
                clock,
                verifier,
                DUMMY);
        for (int i = 0; i < 1000; i++) {
            small.attempt(Optional.empty(), AccountState.CLEAN, "10.0." + (i / 256) + "." + (i % 256), WRONG);
        }
        assertEquals(100, small.rememberedAddresses());
    }

    @Test
    void theAccountStateIsStoredReadBackAndLifted() throws Exception {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:login-guard;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        new fr.interopsr.platform.SchemaMigrator(ds).migrate();
        try (java.sql.Connection c = ds.getConnection()) {
            AdminAccounts.save(c, "carol", HASH, Set.of(AdminRoles.ADMIN));
            assertEquals(AccountState.CLEAN, AdminAccounts.loginState(c, "carol"), "clean when created");
            Instant t = Instant.parse("2026-12-05T10:00:00Z");
            AdminAccounts.saveLoginState(c, "carol", new AccountState(10, t, t));
            assertEquals(new AccountState(10, t, t), AdminAccounts.loginState(c, "carol"));
            assertTrue(AdminAccounts.loginState(c, "carol").locked());
            assertTrue(AdminAccounts.unlock(c, "carol"));
            for (int i = 1; i <= 3; i++) {
                AccountState after = AdminAccounts.recordFailure(c, "carol", t.plusSeconds(i), 3);
                assertEquals(i, after.failures(), "counted in the database");
                assertEquals(t.plusSeconds(i), after.lastFailure());
                assertEquals(i == 3, after.locked(), "locked at the third");
            }
            AccountState fourth = AdminAccounts.recordFailure(c, "carol", t.plusSeconds(9), 3);
            assertEquals(t.plusSeconds(3), fourth.lockedAt(), "the lock keeps its first date");
            assertTrue(AdminAccounts.unlock(c, "carol"));
            assertEquals(AccountState.CLEAN, AdminAccounts.loginState(c, "carol"));
            assertFalse(AdminAccounts.unlock(c, "nobody"));
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-05T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
