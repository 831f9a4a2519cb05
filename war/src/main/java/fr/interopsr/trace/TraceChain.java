package fr.interopsr.trace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tamper evidence of the trace journal (issue 5, D-18): every record of a chain carries
 * {@code HMAC-SHA256(key, previous hash || the record's fields)}, with a key kept outside the
 * database, and a sequence number without gaps. Walking a chain finds the first record that was
 * altered (its hash no longer matches), inserted (idem: without the key nobody can make a valid
 * hash) or deleted (a gap in the sequence, or a chain shorter than its last signed checkpoint).
 * Plain Java: the journal, the verify endpoint and the command line share it.
 */
public final class TraceChain {

    /** The hash before the first record of every chain. */
    public static final String GENESIS = "0".repeat(64);

    private final byte[] key;

    public TraceChain(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the trace HMAC key needs at least 256 bits");
        }
        this.key = key.clone();
    }

    /** The hash of a record that follows {@code previousHash}, over its fields in a fixed order. */
    public String hash(String previousHash, List<Object> fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            mac.update(encode(fields));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The fields, unambiguously: each as its length and UTF-8 bytes, null as a length of -1, so that
     * no two different records share an encoding.
     */
    static byte[] encode(List<Object> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (Object field : fields) {
            if (field == null) {
                writeInt(out, -1);
                continue;
            }
            byte[] bytes = field.toString().getBytes(StandardCharsets.UTF_8);
            writeInt(out, bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /** One stored record as the walk sees it. */
    public record Link(long id, long sequence, String storedHash, List<Object> fields) {}

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
     * 0) must be reached, else the chain was truncated.
     */
    public Verdict verify(Iterator<Link> chain, long expectedLast) {
        return verify(chain, 0, GENESIS, expectedLast);
    }

    /**
     * Walks a chain whose records up to {@code anchorSeq} were purged (retention): the walk starts
     * after the anchor, from the hash a signed checkpoint kept for it.
     */
    public Verdict verify(Iterator<Link> chain, long anchorSeq, String anchorHash, long expectedLast) {
        String previous = anchorHash;
        long expected = anchorSeq + 1;
        long checked = 0;
        while (chain.hasNext()) {
            Link link = chain.next();
            if (link.sequence() != expected) {
                String why = link.sequence() > expected
                        ? "records " + expected + ".." + (link.sequence() - 1) + " are missing (deleted)"
                        : "sequence " + link.sequence() + " appears again (inserted or duplicated)";
                return new Verdict(false, checked, Optional.of(link.id()), why, expected - 1, previous);
            }
            String recomputed = hash(previous, link.fields());
            if (!MessageDigest.isEqual(
                    recomputed.getBytes(StandardCharsets.US_ASCII),
                    String.valueOf(link.storedHash()).getBytes(StandardCharsets.US_ASCII))) {
                return new Verdict(
                        false,
                        checked,
                        Optional.of(link.id()),
                        "hash does not match: the record was altered or inserted",
                        expected - 1,
                        previous);
            }
            previous = link.storedHash();
            expected++;
            checked++;
        }
        if (expected - 1 < expectedLast) {
            return new Verdict(
                    false,
                    checked,
                    Optional.empty(),
                    "the chain ends at " + (expected - 1) + " but a signed checkpoint saw " + expectedLast
                            + " (records deleted at the end)",
                    expected - 1,
                    previous);
        }
        return new Verdict(true, checked, Optional.empty(), "intact", expected - 1, previous);
    }
}
