package fr.interopsr.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a {@code VI_VERIFICATION} trace keeps of the VI (issue 14, departure from IR-19 recorded in
 * {@code docs/conformance.md}). A VI whose signature verified with its convention's keys is kept whole, accepted or
 * refused ({@link ValidationResult#signatureVerified()}): a genuine VI that expired is still on record as IR-19 (a)
 * asks. Any other VI is what an unauthenticated caller sent, and keeps only its first {@value #PREFIX_BYTES} bytes
 * (UTF-8, never a split character) followed by {@code …[truncated: N chars, sha256 H]}, H the SHA-256 in lowercase
 * hex of the whole VI's UTF-8 bytes and N its length in characters; one that fits in {@value #PREFIX_BYTES} bytes is
 * kept as it is (it is its own prefix). No new column: the marker is in the {@code vi} column itself.
 */
public final class TracedVi {

    /** How much of a VI whose signature did not verify the trace keeps. */
    public static final int PREFIX_BYTES = 1024;

    private TracedVi() {}

    /** The text of the trace's {@code vi} field for this VI; null for none. */
    public static String of(String vi, boolean signatureVerified) {
        if (vi == null || signatureVerified) {
            return vi;
        }
        int end = prefixEnd(vi);
        if (end == vi.length()) {
            return vi;
        }
        return vi.substring(0, end) + "…[truncated: " + vi.length() + " chars, sha256 " + sha256(vi) + "]";
    }

    /** The end of the longest prefix of at most {@value #PREFIX_BYTES} UTF-8 bytes that splits no character. */
    private static int prefixEnd(String vi) {
        int bytes = 0;
        int i = 0;
        while (i < vi.length()) {
            int cp = vi.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > PREFIX_BYTES) {
                return i;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return i;
    }

    static String sha256(String vi) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(vi.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
