package fr.interopsr.trace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tamper evidence of the trace journal (issue 5, D-18): every record of a chain carries
 * {@code HMAC-SHA256(key, previous hash || the record's fields)}, with a key kept outside the
 * database, and a sequence number without gaps. Walking a chain finds the first record that was
 * altered (its hash no longer matches), inserted (idem: without the key nobody can make a valid
 * hash) or deleted (a gap in the sequence, or a chain shorter than its last signed checkpoint).
 *
 * <p>Keys have ids (D-26): {@link #keyIdOf} names a key by a digest of it, so that every node and
 * the command line name the same key the same way with nothing to configure but the keys. A chain
 * holds the key it chains with ({@link #keyId()}) and the previous keys it only verifies with; a
 * record names the key that chained it ({@code key_id}), so a key rotation never makes older
 * records unverifiable. Plain Java: the journal, the verify endpoint and the command line share it.
 */
public final class TraceChain {

    /** The hash before the first record of every chain. */
    public static final String GENESIS = "0".repeat(64);

    /** The current key first, then the previous ones, by id. */
    private final Map<String, byte[]> keys = new LinkedHashMap<>();

    private final String keyId;

    public TraceChain(byte[] key) {
        this(key, List.of());
    }

    /**
     * Chains with {@code current}; verifies records that name {@code current} or one of the
     * {@code previous} keys (D-26 rotation: the new key is added, the old ones kept outside the database).
     */
    public TraceChain(byte[] current, List<byte[]> previous) {
        keyId = keyIdOf(checked(current));
        keys.put(keyId, current.clone());
        for (byte[] old : previous) {
            keys.putIfAbsent(keyIdOf(checked(old)), old.clone());
        }
    }

    /**
     * The chain of the configured keys: {@code current} and {@code previous} as base64, the latter a
     * comma-separated list, possibly empty or null (settings {@code interops.traces.hmac-key} and
     * {@code interops.traces.hmac-previous-keys}, D-26).
     */
    public static TraceChain ofBase64(String current, String previous) {
        List<byte[]> old = new ArrayList<>();
        if (previous != null) {
            for (String k : previous.split(",")) {
                if (!k.isBlank()) {
                    old.add(Base64.getDecoder().decode(k.strip()));
                }
            }
        }
        return new TraceChain(Base64.getDecoder().decode(current.strip()), old);
    }

    private static byte[] checked(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the trace HMAC key needs at least 256 bits");
        }
        return key;
    }

    /**
     * A key's id (D-26): {@code hk-} and the first 16 hex digits of SHA-256 over a label and the
     * key. It names the key without revealing anything of use about a key of 256 random bits.
     */
    public static String keyIdOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("interops-r trace hmac key id\n".getBytes(StandardCharsets.US_ASCII));
            sha.update(key);
            return "hk-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MACs of {@link #hash}, under their own lock. */
    private final Macs writing = new Macs();

    /** The id of the key new records are chained with. */
    public String keyId() {
        return keyId;
    }

    /** The ids of every key this chain can verify with, the current one first. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /**
     * The hash of a record that follows {@code previousHash}, over its fields in a fixed order. The journal calls
     * this for every record it writes: one {@link Macs} keyed once serves every call, instead of a {@code Mac}
     * looked up and keyed per record; the lock makes it safe for the writers of other chains (admin traces).
     */
    public String hash(String previousHash, List<Object> fields) {
        synchronized (writing) {
            return writing.hash(keys.get(keyId), previousHash, fields);
        }
    }

    /**
     * The fields, unambiguously: each as its length and UTF-8 bytes, null as a length of -1, so that
     * no two different records share an encoding.
     */
    static byte[] encode(List<Object> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        encode(out, fields);
        return out.toByteArray();
    }

    private static void encode(ByteArrayOutputStream out, List<Object> fields) {
        for (Object field : fields) {
            if (field == null) {
                writeInt(out, -1);
                continue;
            }
            byte[] bytes = field.toString().getBytes(StandardCharsets.UTF_8);
            writeInt(out, bytes.length);
            out.writeBytes(bytes);
        }
    }

    /**
     * The MACs of one walk: one {@link Mac} keyed once per key, and one buffer for the fields, instead of
     * a {@code Mac} looked up and keyed for every record. A walk runs on one thread; a {@code Mac} is not
     * thread-safe, so these are never shared.
     */
    private static final class Macs {
        private final Map<byte[], Mac> byKey = new IdentityHashMap<>(4);
        private final Buffer fields = new Buffer();

        String hash(byte[] key, String previousHash, List<Object> recordFields) {
            Mac mac = byKey.computeIfAbsent(key, k -> {
                try {
                    Mac m = Mac.getInstance("HmacSHA256");
                    m.init(new SecretKeySpec(k, "HmacSHA256"));
                    return m;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
            fields.reset();
            encode(fields, recordFields);
            mac.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            mac.update(fields.bytes(), 0, fields.size());
            return HexFormat.of().formatHex(mac.doFinal()); // doFinal leaves the Mac keyed, ready for the next
        }
    }

    /** A byte buffer read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        byte[] bytes() {
            return buf;
        }
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /**
     * One stored record as the walk sees it: {@code keyId} names the key that chained it, null for a
     * record written before key ids (then every key given is tried).
     */
    public record Link(long id, long sequence, String storedHash, String keyId, List<Object> fields) {

        /** A record chained with the current key of {@code chain}. */
        public Link(long id, long sequence, String storedHash, List<Object> fields) {
            this(id, sequence, storedHash, null, fields);
        }
    }

    /**
     * The keys to try for a record: the one it names, or, for a record written before key ids, the
     * key that matched the record before it first, then every key given.
     */
    private List<byte[]> candidates(String recordKeyId, byte[] lastMatch) {
        if (recordKeyId != null) {
            byte[] key = keys.get(recordKeyId);
            return key == null ? List.of() : List.of(key);
        }
        List<byte[]> all = new ArrayList<>(keys.size());
        if (lastMatch != null) {
            all.add(lastMatch);
        }
        for (byte[] key : keys.values()) {
            if (key != lastMatch) {
                all.add(key);
            }
        }
        return all;
    }

    /** What a walk found: the first broken record, if any, and how far it got. */
    public record Verdict(
            boolean intact,
            long checked,
            Optional<Long> brokenRecordId,
            String reason,
            long lastSequence,
            String lastHash) {}

    /**
     * Walks one chain in sequence order. {@code expectedLast} (a signed checkpoint's sequence, or
     * 0) must be reached, else the chain was truncated. The verdict names the first problem.
     */
    public Verdict verify(Iterator<Link> chain, long expectedLast) {
        return verify(chain, 0, GENESIS, expectedLast);
    }

    /**
     * Walks a chain whose records up to {@code anchorSeq} were purged (retention): the walk starts
     * after the anchor, from the hash kept for it.
     */
    public Verdict verify(Iterator<Link> chain, long anchorSeq, String anchorHash, long expectedLast) {
        Walk w = walk("", chain, anchorSeq + 1, anchorHash, expectedLast > 0 ? expectedLast : 0, null);
        if (w.problems().isEmpty()) {
            return new Verdict(true, w.checked(), Optional.empty(), "intact", w.lastSequence(), w.lastHash());
        }
        EvidenceProblem first = w.problems().get(0);
        return new Verdict(
                false,
                w.checked(),
                Optional.ofNullable(first.recordId()),
                first.message(),
                w.lastSequence(),
                w.lastHash());
    }

    /** Problems kept per chain; the walk counts the others. */
    static final int MAX_PROBLEMS = 100;

    /**
     * What a walk found: the records whose hash verified, the last sequence number and hash seen,
     * every problem (at most {@value #MAX_PROBLEMS}, and how many more).
     */
    public record Walk(long checked, long lastSequence, String lastHash, List<EvidenceProblem> problems, long more) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /**
     * Walks one chain in sequence order from {@code firstSeq}, whose predecessor's hash is
     * {@code anchorHash}, and goes on after each problem: after a gap or an altered record, the
     * next record is checked against that record's stored hash, so that each tampering is reported
     * where it is. {@code signedSeq} / {@code signedHash}: the latest head a checkpoint signed (0 /
     * null: none); the chain must reach it, with that hash there.
     */
    public Walk walk(
            String name, Iterator<Link> chain, long firstSeq, String anchorHash, long signedSeq, String signedHash) {
        List<EvidenceProblem> problems = new ArrayList<>();
        long[] more = {0};
        String previous = anchorHash;
        long expected = firstSeq;
        long checked = 0;
        byte[] lastMatch = null;
        Macs macs = new Macs();
        while (chain.hasNext()) {
            Link link = chain.next();
            if (link.sequence() < expected) {
                add(
                        problems,
                        more,
                        new EvidenceProblem(
                                EvidenceProblem.Kind.DUPLICATED,
                                name,
                                link.sequence(),
                                link.sequence(),
                                link.id(),
                                "sequence " + link.sequence() + " appears again or out of order (records inserted or"
                                        + " renumbered)"));
                continue;
            }
            boolean afterGap = link.sequence() > expected;
            if (afterGap) {
                add(
                        problems,
                        more,
                        new EvidenceProblem(
                                EvidenceProblem.Kind.MISSING,
                                name,
                                expected,
                                link.sequence() - 1,
                                link.id(),
                                "records " + range(expected, link.sequence() - 1) + " are missing (deleted)"));
            } else {
                List<byte[]> candidates = candidates(link.keyId(), lastMatch);
                byte[] matched = null;
                for (byte[] key : candidates) {
                    if (MessageDigest.isEqual(
                            macs.hash(key, previous, link.fields()).getBytes(StandardCharsets.US_ASCII),
                            String.valueOf(link.storedHash()).getBytes(StandardCharsets.US_ASCII))) {
                        matched = key;
                        break;
                    }
                }
                if (candidates.isEmpty()) {
                    add(
                            problems,
                            more,
                            new EvidenceProblem(
                                    EvidenceProblem.Kind.UNKNOWN_KEY,
                                    name,
                                    link.sequence(),
                                    link.sequence(),
                                    link.id(),
                                    "the record names HMAC key " + link.keyId() + ", which this check was not given"
                                            + " (give it as a previous key, docs/traces.md)"));
                } else if (matched == null) {
                    add(
                            problems,
                            more,
                            new EvidenceProblem(
                                    EvidenceProblem.Kind.ALTERED,
                                    name,
                                    link.sequence(),
                                    link.sequence(),
                                    link.id(),
                                    "record " + link.sequence() + ": hash does not match: the record was altered or"
                                            + " inserted"));
                } else {
                    lastMatch = matched;
                    checked++;
                }
            }
            if (link.sequence() == signedSeq && signedHash != null && !signedHash.equals(link.storedHash())) {
                add(
                        problems,
                        more,
                        new EvidenceProblem(
                                EvidenceProblem.Kind.ALTERED,
                                name,
                                link.sequence(),
                                link.sequence(),
                                link.id(),
                                "record " + link.sequence() + " no longer has the hash its signed checkpoint saw"
                                        + " (rewritten)"));
            }
            previous = String.valueOf(link.storedHash());
            expected = link.sequence() + 1;
        }
        if (expected - 1 < signedSeq) {
            add(
                    problems,
                    more,
                    new EvidenceProblem(
                            EvidenceProblem.Kind.TRUNCATED,
                            name,
                            expected,
                            signedSeq,
                            null,
                            "the chain ends at " + (expected - 1) + " but a signed checkpoint saw " + signedSeq
                                    + " (records " + range(expected, signedSeq) + " deleted at the end)"));
        }
        return new Walk(checked, expected - 1, previous, List.copyOf(problems), more[0]);
    }

    private static void add(List<EvidenceProblem> problems, long[] more, EvidenceProblem p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        } else {
            more[0]++;
        }
    }

    static String range(long from, long to) {
        return from == to ? String.valueOf(from) : from + ".." + to;
    }
}
