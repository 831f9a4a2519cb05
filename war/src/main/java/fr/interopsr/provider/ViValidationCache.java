package fr.interopsr.provider;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * This node's cache of successful validations of multi-use VIs (IR-11): keyed by the whole VI
 * (never the jti alone) together with what the origin and mutual-TLS steps depend on (client
 * address, certificate), kept until the VI expires, bounded (least recently used evicted), and
 * emptied when the conventions change (D-16). Single-use VIs are never cached.
 */
public final class ViValidationCache {

    private record Key(String vi, String clientAddress, String certificateSha256) {}

    private record Entry(ValidationResult result, Instant expiresAt, long conventionMark) {}

    private final int capacity;
    private final Map<Key, Entry> entries;

    public ViValidationCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > ViValidationCache.this.capacity;
            }
        };
    }

    public synchronized Optional<ValidationResult> get(
            String vi, String clientAddress, String certificateSha256, Instant now, long conventionMark) {
        Key key = new Key(vi, clientAddress, certificateSha256);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (!now.isBefore(e.expiresAt()) || e.conventionMark() != conventionMark) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.result());
    }

    public synchronized void put(
            String vi,
            String clientAddress,
            String certificateSha256,
            ValidationResult result,
            Instant expiresAt,
            long conventionMark) {
        if (capacity > 0) {
            entries.put(new Key(vi, clientAddress, certificateSha256), new Entry(result, expiresAt, conventionMark));
        }
    }

    public synchronized int size() {
        return entries.size();
    }
}
