package fr.interopsr.platform;

import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The rate limits of the server (issue 14 §2), per node: at the token endpoint, under {@code /api/} and at the
 * admin login, per client and per source address, each a {@link RateLimiter} whose limit is read from MicroProfile
 * Config ({@code interops.rate.<door>.per-client.capacity}, {@code ….per-client.refill-per-second}, and the same
 * with {@code per-address}; 0 turns a limit off; {@code interops.rate.enabled=false} turns all off;
 * {@code interops.rate.max-keys} bounds the keys each limiter remembers). docs/operations.md lists them. Refusals
 * are counted here by door and key kind; {@code app} exposes the counts as the meter
 * {@code interops.rate.refused}.
 */
@ApplicationScoped
public class RateLimits {

    /** Where a limit applies. */
    public enum Door {
        TOKEN("token"),
        API("api"),
        ADMIN_LOGIN("admin-login"),
        /** {@code POST /idp/introspect} (issue 17), per certificate and per address. */
        INTROSPECT("introspect"),
        /** {@code POST /idp/revoke} (issue 17), per client and per address. */
        REVOKE("revoke"),
        /** {@code /access/*} (issue 18, D-27), per certificate (or per address) and per address. */
        ACCESS("access");

        private final String configName;

        Door(String configName) {
            this.configName = configName;
        }

        /** Its name in the settings and in the meter's {@code endpoint} tag. */
        public String configName() {
            return configName;
        }
    }

    /** What a limit counts by. */
    public enum KeyKind {
        CLIENT("per-client"),
        ADDRESS("per-address");

        private final String configName;

        KeyKind(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** Its name in the meter's {@code key} tag. */
        public String tag() {
            return this == CLIENT ? "client" : "address";
        }
    }

    /**
     * A refused request.
     *
     * @param kind              the limit that refused it
     * @param key               the key that is over its limit (an address, {@code id:…} or {@code cert:…})
     * @param retryAfterSeconds the {@code Retry-After} value
     * @param traceDue          the key's first refusal in this second: trace it
     */
    public record Refusal(KeyKind kind, String key, long retryAfterSeconds, boolean traceDue) {}

    /** The defaults, requests per second a 2-core node holds far above any partner (docs/operations.md). */
    static final Map<Door, long[]> DEFAULTS = Map.of(
            // {per-client capacity, per-client refill/s, per-address capacity, per-address refill/s}
            Door.TOKEN, new long[] {300, 200, 1000, 500},
            Door.API, new long[] {1000, 500, 2000, 1000},
            Door.ADMIN_LOGIN, new long[] {100, 20, 200, 40},
            Door.INTROSPECT, new long[] {1000, 500, 2000, 1000},
            Door.REVOKE, new long[] {100, 20, 200, 40},
            Door.ACCESS, new long[] {100, 20, 200, 40});

    static final int DEFAULT_MAX_KEYS = 100_000;

    private final Map<Door, Map<KeyKind, RateLimiter>> limiters = new EnumMap<>(Door.class);
    private final Map<Door, Map<KeyKind, LongAdder>> refused = new EnumMap<>(Door.class);

    /** From MicroProfile Config. */
    public RateLimits() {
        this(
                key -> ConfigProvider.getConfig()
                        .getOptionalValue(key, String.class)
                        .orElse(null),
                TimeMeter.SYSTEM_NANOTIME);
    }

    /** From any settings (a key to its value or null) and clock: what the unit tests use. */
    public RateLimits(Function<String, String> setting, TimeMeter time) {
        boolean enabled = !"false".equalsIgnoreCase(strip(setting.apply("interops.rate.enabled")));
        int maxKeys = (int) number(setting, "interops.rate.max-keys", DEFAULT_MAX_KEYS);
        for (Door door : Door.values()) {
            Map<KeyKind, RateLimiter> byKind = new EnumMap<>(KeyKind.class);
            Map<KeyKind, LongAdder> counts = new EnumMap<>(KeyKind.class);
            long[] defaults = DEFAULTS.get(door);
            for (KeyKind kind : KeyKind.values()) {
                String prefix = "interops.rate." + door.configName() + "." + kind.configName() + ".";
                int at = kind == KeyKind.CLIENT ? 0 : 2;
                RateLimiter.Limit limit = enabled
                        ? new RateLimiter.Limit(
                                number(setting, prefix + "capacity", defaults[at]),
                                number(setting, prefix + "refill-per-second", defaults[at + 1]))
                        : new RateLimiter.Limit(0, 0);
                byKind.put(kind, new RateLimiter(limit, maxKeys, time));
                counts.put(kind, new LongAdder());
            }
            limiters.put(door, byKind);
            refused.put(door, counts);
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static long number(Function<String, String> setting, String key, long fallback) {
        String value = strip(setting.apply(key));
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not " + value, e);
        }
    }

    /**
     * Takes one request from the address's bucket, then from each client key's; the first bucket that is empty
     * refuses (the buckets after it are not touched).
     *
     * @param door        where the request arrives
     * @param address     the partner's address ({@link RequestOrigin#clientAddress()}), made a key by {@link RateKeys}
     * @param clientKeys  {@link RateKeys#clientId} and {@link RateKeys#certificate} keys; nulls are skipped
     * @return the refusal, or null when the request goes on
     */
    public Refusal check(Door door, String address, String... clientKeys) {
        Map<KeyKind, RateLimiter> byKind = limiters.get(door);
        if (address != null) {
            String key = RateKeys.address(address);
            RateLimiter.Decision d = byKind.get(KeyKind.ADDRESS).tryAcquire(key);
            if (!d.allowed()) {
                return refused(door, KeyKind.ADDRESS, key, d);
            }
        }
        for (String key : clientKeys) {
            if (key == null) {
                continue;
            }
            RateLimiter.Decision d = byKind.get(KeyKind.CLIENT).tryAcquire(key);
            if (!d.allowed()) {
                return refused(door, KeyKind.CLIENT, key, d);
            }
        }
        return null;
    }

    private Refusal refused(Door door, KeyKind kind, String key, RateLimiter.Decision d) {
        refused.get(door).get(kind).increment();
        return new Refusal(kind, key, d.retryAfterSeconds(), d.traceDue());
    }

    /** How many requests this limit refused since start (the meter {@code interops.rate.refused}). */
    public long refusals(Door door, KeyKind kind) {
        return refused.get(door).get(kind).sum();
    }

    /** How many keys the limit remembers now. */
    public int keys(Door door, KeyKind kind) {
        return limiters.get(door).get(kind).size();
    }

    /**
     * The 429 (RFC 6585 §4) with its {@code Retry-After} and an OAuth-style JSON body ({@code error}
     * {@code rate_limited}), never cached: the same at the token endpoint, under {@code /api/} and at the admin
     * login. A Bearer client reads the status and {@code Retry-After}; no {@code WWW-Authenticate} is sent, since
     * the request is not refused for its credentials.
     */
    public static void answer(HttpServletResponse response, Refusal refusal) {
        response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
        JsonAnswer.error(
                response, 429, "rate_limited", "too many requests; retry after " + refusal.retryAfterSeconds() + " s");
    }
}
