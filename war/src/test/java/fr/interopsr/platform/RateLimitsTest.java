package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 14 §2: the rate limits' keys and buckets, driven by a manual clock. */
class RateLimitsTest {

    /** A clock the test moves. */
    static final class ManualTime implements TimeMeter {
        long nanos = 1_000_000_000_000L;

        void advanceMillis(long ms) {
            nanos += ms * 1_000_000L;
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final ManualTime time = new ManualTime();
    private final Map<String, String> settings = new HashMap<>();

    private RateLimits limits() {
        return new RateLimits(settings::get, time);
    }

    private void tokenLimits(long clientCapacity, long clientRefill, long addressCapacity, long addressRefill) {
        settings.put("interops.rate.token.per-client.capacity", Long.toString(clientCapacity));
        settings.put("interops.rate.token.per-client.refill-per-second", Long.toString(clientRefill));
        settings.put("interops.rate.token.per-address.capacity", Long.toString(addressCapacity));
        settings.put("interops.rate.token.per-address.refill-per-second", Long.toString(addressRefill));
    }

    @Test
    void aClientIdOverItsBucketIsRefusedWithRetryAfterAndRefilled() {
        tokenLimits(3, 1, 1000, 1000);
        RateLimits limits = limits();
        String client = RateKeys.clientId("demo");
        for (int i = 0; i < 3; i++) {
            assertNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.1", client));
        }
        RateLimits.Refusal refusal = limits.check(RateLimits.Door.TOKEN, "192.0.2.1", client);
        assertNotNull(refusal);
        assertEquals(RateLimits.KeyKind.CLIENT, refusal.kind());
        assertEquals("id:demo", refusal.key());
        assertEquals(1, refusal.retryAfterSeconds());
        assertEquals(1, limits.refusals(RateLimits.Door.TOKEN, RateLimits.KeyKind.CLIENT));
        // another client from the same address is not affected
        assertNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.1", RateKeys.clientId("other")));
        time.advanceMillis(1000);
        assertNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.1", client));
        assertNotNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.1", client));
    }

    @Test
    void retryAfterCountsTheWholeSecondsUntilARequestFits() {
        tokenLimits(1, 1, 0, 0);
        settings.put("interops.rate.token.per-client.refill-per-second", "1");
        settings.put("interops.rate.token.per-client.capacity", "1");
        RateLimits limits = limits();
        assertNull(limits.check(RateLimits.Door.TOKEN, null, "id:a"));
        assertEquals(1, limits.check(RateLimits.Door.TOKEN, null, "id:a").retryAfterSeconds());
        time.advanceMillis(100);
        assertEquals(1, limits.check(RateLimits.Door.TOKEN, null, "id:a").retryAfterSeconds());
    }

    @Test
    void aCertificateIsAClientKeyOfItsOwn() {
        tokenLimits(1, 1, 1000, 1000);
        RateLimits limits = limits();
        String cert = RateKeys.certificate("ab".repeat(32));
        assertNull(limits.check(RateLimits.Door.API, "192.0.2.1", cert)); // API defaults: far above 1
        assertNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.1", RateKeys.clientId("x"), cert));
        RateLimits.Refusal refusal = limits.check(RateLimits.Door.TOKEN, "192.0.2.1", RateKeys.clientId("y"), cert);
        assertEquals("cert:" + "ab".repeat(32), refusal.key());
        assertEquals(RateLimits.KeyKind.CLIENT, refusal.kind());
    }

    @Test
    void anAddressIsLimitedWhateverTheClient() {
        tokenLimits(1000, 1000, 2, 1);
        RateLimits limits = limits();
        assertNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.7", "id:a"));
        assertNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.7", "id:b"));
        RateLimits.Refusal refusal = limits.check(RateLimits.Door.TOKEN, "192.0.2.7", "id:c");
        assertEquals(RateLimits.KeyKind.ADDRESS, refusal.kind());
        assertEquals("192.0.2.7", refusal.key());
        assertNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.8", "id:c"));
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        assertEquals("2001:0db8:0001:0002::/64", RateKeys.address("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(RateKeys.address("2001:db8:1:2::1"), RateKeys.address("2001:db8:1:2:ffff::9"));
        assertFalse(RateKeys.address("2001:db8:1:2::1").equals(RateKeys.address("2001:db8:1:3::1")));
        assertEquals("192.0.2.1", RateKeys.address("192.0.2.1"));
        tokenLimits(1000, 1000, 1, 1);
        RateLimits limits = limits();
        assertNull(limits.check(RateLimits.Door.TOKEN, "2001:db8:1:2::1", "id:a"));
        RateLimits.Refusal refusal = limits.check(RateLimits.Door.TOKEN, "2001:db8:1:2:ffff::9", "id:b");
        assertNotNull(refusal);
        assertEquals(RateLimits.KeyKind.ADDRESS, refusal.kind());
    }

    @Test
    void theAddressIsForwardedOnlyByATrustedProxy() {
        Map<String, String> headers = Map.of("X-Forwarded-For", "203.0.113.9");
        RequestOrigin viaProxy = RequestOrigin.of("10.0.0.1", true, headers::get, Set.of("10.0.0.1"));
        RequestOrigin stranger = RequestOrigin.of("198.51.100.4", true, headers::get, Set.of("10.0.0.1"));
        tokenLimits(1000, 1000, 1, 1);
        RateLimits limits = limits();
        assertNull(limits.check(RateLimits.Door.TOKEN, viaProxy.clientAddress()));
        // a stranger who claims the same X-Forwarded-For is counted by its own address, not the forwarded one
        assertNull(limits.check(RateLimits.Door.TOKEN, stranger.clientAddress()));
        RateLimits.Refusal refusal = limits.check(RateLimits.Door.TOKEN, viaProxy.clientAddress());
        assertEquals("203.0.113.9", refusal.key());
    }

    @Test
    void atMostOneTracePerKeyAndSecondWhileTheLimitHolds() {
        tokenLimits(1, 1, 0, 0);
        RateLimits limits = limits();
        assertNull(limits.check(RateLimits.Door.TOKEN, null, "id:a"));
        int traces = 0;
        for (int i = 0; i < 1000; i++) {
            if (limits.check(RateLimits.Door.TOKEN, null, "id:a").traceDue()) {
                traces++;
            }
        }
        assertEquals(1, traces);
        time.advanceMillis(500);
        assertFalse(limits.check(RateLimits.Door.TOKEN, null, "id:a").traceDue());
        time.advanceMillis(500); // refilled by now, the one request passes
        assertNull(limits.check(RateLimits.Door.TOKEN, null, "id:a"));
        assertTrue(limits.check(RateLimits.Door.TOKEN, null, "id:a").traceDue());
        assertEquals(1002, limits.refusals(RateLimits.Door.TOKEN, RateLimits.KeyKind.CLIENT));
    }

    @Test
    void zeroOrDisabledTurnsLimitsOff() {
        tokenLimits(0, 0, 1, 0);
        RateLimits limits = limits();
        for (int i = 0; i < 10_000; i++) {
            assertNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.1", "id:a"));
        }
        settings.clear();
        settings.put("interops.rate.enabled", "false");
        settings.put("interops.rate.admin-login.per-address.capacity", "1");
        RateLimits off = limits();
        for (int i = 0; i < 10_000; i++) {
            assertNull(off.check(RateLimits.Door.ADMIN_LOGIN, "192.0.2.1"));
        }
    }

    @Test
    void memoryIsBoundedWhateverTheKeys() {
        settings.put("interops.rate.max-keys", "100");
        RateLimits limits = limits();
        for (int i = 0; i < 10_000; i++) {
            limits.check(RateLimits.Door.API, "10.0." + (i / 256) % 256 + "." + i % 256);
        }
        assertEquals(100, limits.keys(RateLimits.Door.API, RateLimits.KeyKind.ADDRESS));
    }

    @Test
    void theDefaultsHoldABurstOfAPartnerAndStopAFlood() {
        RateLimits limits = limits();
        for (int i = 0; i < 300; i++) {
            assertNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.1", "id:a"));
        }
        assertNotNull(limits.check(RateLimits.Door.TOKEN, "192.0.2.1", "id:a"));
    }

    @Test
    void aSettingThatIsNoNumberStopsTheStart() {
        settings.put("interops.rate.api.per-client.capacity", "lots");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, this::limits);
    }

    @Test
    void theAnswerIs429WithRetryAfterAndAJsonErrorNeverCached() {
        RecordedResponse r = new RecordedResponse();
        RateLimits.answer(r.response(), new RateLimits.Refusal(RateLimits.KeyKind.CLIENT, "id:a", 3, true));
        assertEquals(429, r.status);
        assertEquals("3", r.headers.get("Retry-After"));
        assertEquals("no-store", r.headers.get("Cache-Control"));
        assertEquals("application/json", r.contentType);
        assertEquals(
                "{\"error\":\"rate_limited\",\"error_description\":\"too many requests; retry after 3 s\"}", r.text());
        assertFalse(r.headers.containsKey("WWW-Authenticate"));
    }
}
