package fr.interopsr.admin.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The administrators' login rule (issue 14 §2), plain Java: back-off after repeated failures per
 * account and per address, a lockout after {@link Settings#lockAfter} failures of an account that
 * holds until lifted, and one password hash verification on every attempt, a dummy one when the
 * account does not exist, so that timing tells nothing about accounts.
 *
 * <p>The account's failures live in the database (shared by every node, {@link AdminAccounts});
 * the addresses' failures live here, per node, in a bounded map (oldest forgotten first).
 * Every refused attempt counts as a failure, including those refused by back-off without their
 * password being checked: the lock is thus a hard cap on the guesses an account takes.
 */
public final class LoginGuard {

    /** Verifies a password against a stored hash ({@link PasswordHashes#verify} in production). */
    public interface Verifier {
        boolean verify(char[] password, String storedHash);
    }

    /**
     * The settings (MP Config {@code interops.admin.login.*}, docs/operations.md).
     *
     * @param accountBackoffAfter failures of an account after which each attempt waits
     * @param lockAfter failures of an account that lock it until lifted (0: never)
     * @param addressBackoffAfter failures from one address after which each attempt waits
     * @param backoffBase the wait after the first failure over the threshold, doubled at each next one
     * @param backoffMax the longest wait
     * @param maxAddresses how many addresses a node remembers
     */
    public record Settings(
            int accountBackoffAfter,
            int lockAfter,
            int addressBackoffAfter,
            Duration backoffBase,
            Duration backoffMax,
            int maxAddresses) {

        public static final Settings DEFAULTS =
                new Settings(3, 10, 10, Duration.ofSeconds(1), Duration.ofSeconds(60), 10_000);
    }

    /** An account's login state as stored ({@code admin_user}, V7). */
    public record AccountState(int failures, Instant lastFailure, Instant lockedAt) {
        public static final AccountState CLEAN = new AccountState(0, null, null);

        public boolean locked() {
            return lockedAt != null;
        }
    }

    /** What a login attempt came to. Only {@link #ACCEPTED} logs in; all others look alike to the caller. */
    public enum Outcome {
        ACCEPTED,
        WRONG_PASSWORD,
        UNKNOWN_ACCOUNT,
        DISABLED,
        ACCOUNT_BACKOFF,
        ADDRESS_BACKOFF,
        LOCKED;

        public boolean accepted() {
            return this == ACCEPTED;
        }
    }

    /** The verdict, and the account state to store when it changed (empty: unchanged or no account). */
    public record Verdict(Outcome outcome, Optional<AccountState> newState) {
        /** Whether this attempt has just locked the account. */
        public boolean lockedNow(AccountState before) {
            return !before.locked() && newState.map(AccountState::locked).orElse(false);
        }
    }

    private record AddressState(int failures, Instant lastFailure) {}

    private static final String DUMMY_PASSWORD = PasswordHashes.randomPassword();

    private final Settings settings;
    private final Clock clock;
    private final Verifier verifier;
    private final String dummyHash;
    private final Map<String, AddressState> addresses;

    public LoginGuard(Settings settings, Clock clock, Verifier verifier) {
        this(settings, clock, verifier, PasswordHashes.hash(DUMMY_PASSWORD.toCharArray()));
    }

    /** {@code dummyHash}: a hash with the same parameters as real ones, checked for absent accounts. */
    LoginGuard(Settings settings, Clock clock, Verifier verifier, String dummyHash) {
        this.settings = settings;
        this.clock = clock;
        this.verifier = verifier;
        this.dummyHash = dummyHash;
        int max = Math.max(1, settings.maxAddresses());
        this.addresses = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AddressState> eldest) {
                return size() > max;
            }
        };
    }

    public Settings settings() {
        return settings;
    }

    /**
     * One login attempt: {@code account} is the stored account (empty when there is none), {@code
     * state} its login state, {@code address} the client's address (null when unknown).
     */
    public Verdict attempt(
            Optional<AdminAccounts.Account> account, AccountState state, String address, char[] password) {
        Instant now = clock.instant();
        // timing: exactly one verification, whatever the outcome (a dummy one without an account)
        boolean passwordRight = verifier.verify(
                password, account.map(AdminAccounts.Account::passwordHash).orElse(dummyHash));
        Outcome outcome;
        if (account.isEmpty()) {
            outcome = Outcome.UNKNOWN_ACCOUNT;
        } else if (state.locked()) {
            outcome = Outcome.LOCKED;
        } else if (addressWaiting(address, now)) {
            outcome = Outcome.ADDRESS_BACKOFF;
        } else if (waiting(state.failures(), state.lastFailure(), settings.accountBackoffAfter(), now)) {
            outcome = Outcome.ACCOUNT_BACKOFF;
        } else if (!passwordRight) {
            outcome = Outcome.WRONG_PASSWORD;
        } else if (account.get().disabled()) {
            outcome = Outcome.DISABLED;
        } else {
            outcome = Outcome.ACCEPTED;
        }
        if (account.isEmpty() && addressWaiting(address, now)) {
            outcome = Outcome.ADDRESS_BACKOFF;
        }
        if (outcome.accepted()) {
            forgetAddress(address);
            return new Verdict(outcome, state.failures() == 0 ? Optional.empty() : Optional.of(AccountState.CLEAN));
        }
        failedFrom(address, now);
        if (account.isEmpty() || state.locked()) {
            return new Verdict(outcome, Optional.empty());
        }
        int failures = state.failures() + 1;
        Instant lockedAt = settings.lockAfter() > 0 && failures >= settings.lockAfter() ? now : null;
        return new Verdict(outcome, Optional.of(new AccountState(failures, now, lockedAt)));
    }

    /** How long an account with {@code failures} failures waits after its last failure. */
    Duration wait(int failures, int threshold) {
        if (threshold <= 0 || failures < threshold) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - threshold, 30);
        Duration d = settings.backoffBase().multipliedBy(1L << doublings);
        return d.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : d;
    }

    private boolean waiting(int failures, Instant lastFailure, int threshold, Instant now) {
        return lastFailure != null && now.isBefore(lastFailure.plus(wait(failures, threshold)));
    }

    private synchronized boolean addressWaiting(String address, Instant now) {
        AddressState a = address == null ? null : addresses.get(address);
        return a != null && waiting(a.failures(), a.lastFailure(), settings.addressBackoffAfter(), now);
    }

    private synchronized void failedFrom(String address, Instant now) {
        if (address == null) {
            return;
        }
        AddressState a = addresses.get(address);
        // an address quiet for longer than the longest wait starts again
        boolean stale = a == null || now.isAfter(a.lastFailure().plus(settings.backoffMax()));
        addresses.put(address, new AddressState(stale ? 1 : a.failures() + 1, now));
    }

    private synchronized void forgetAddress(String address) {
        if (address != null) {
            addresses.remove(address);
        }
    }

    /** How many addresses this node remembers now (bounded by {@link Settings#maxAddresses}). */
    synchronized int rememberedAddresses() {
        return addresses.size();
    }
}
