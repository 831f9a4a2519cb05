package fr.interopsr.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rate limit (issue 14 §2): a Bucket4j token bucket per key (a client, an address), kept in a map of bounded
 * size. The keys are chosen by the caller, so by whoever sends requests: the map keeps at most {@code maxKeys}
 * buckets and forgets the least recently used one first, so memory stays bounded whatever the key space. A
 * forgotten key starts again with a full bucket; with the default size, an attacker must cycle through that many
 * keys to get there, and each of those keys is limited too. Per node: the buckets live in this JVM.
 *
 * <p>The refusal also says whether it is the first of its second for that key, so that the caller traces at most
 * one refusal per key and second while the limit holds.
 */
public final class RateLimiter {

    /** A bucket of {@code capacity} requests refilled by {@code refillPerSecond} a second; 0 in either turns it off. */
    public record Limit(long capacity, long refillPerSecond) {
        public boolean off() {
            return capacity <= 0 || refillPerSecond <= 0;
        }
    }

    /**
     * The answer for one request.
     *
     * @param allowed           the request goes on
     * @param retryAfterSeconds when refused, the whole seconds until the bucket holds a request again (at least 1)
     * @param traceDue          when refused, whether this is the key's first refusal in the current second
     */
    public record Decision(boolean allowed, long retryAfterSeconds, boolean traceDue) {
        static final Decision ALLOWED = new Decision(true, 0, false);
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Limit limit;
    private final TimeMeter time;
    private final Map<String, Entry> entries;

    private static final class Entry {
        final Bucket bucket;
        long tracedSecond = Long.MIN_VALUE;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    /**
     * @param limit   the bucket of every key
     * @param maxKeys how many keys are remembered at most
     * @param time    the clock of the buckets ({@link TimeMeter#SYSTEM_NANOTIME} in the server, a manual one in tests)
     */
    public RateLimiter(Limit limit, int maxKeys, TimeMeter time) {
        this.limit = limit;
        this.time = time;
        int max = Math.max(1, maxKeys);
        this.entries = new LinkedHashMap<>(Math.min(max, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > max;
            }
        };
    }

    public boolean off() {
        return limit.off();
    }

    /** Takes one request from the key's bucket. */
    public Decision tryAcquire(String key) {
        if (limit.off()) {
            return Decision.ALLOWED;
        }
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(key, k -> new Entry(newBucket()));
        }
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Decision.ALLOWED;
        }
        long nanos = probe.getNanosToWaitForRefill();
        long retryAfter = Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        long second = Math.floorDiv(time.currentTimeNanos(), NANOS_PER_SECOND);
        boolean traceDue;
        synchronized (entry) {
            traceDue = entry.tracedSecond != second;
            entry.tracedSecond = second;
        }
        return new Decision(false, retryAfter, traceDue);
    }

    /** How many keys are remembered now (at most {@code maxKeys}). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillGreedy(limit.refillPerSecond(), Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }
}
