package fr.interopsr.platform;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A URL query string, read the one way the application reads them (the console's {@code ?lang=},
 * the data provider's look for a VI in {@code ?access_token=}, IR-7): pairs separated by {@code &},
 * a name and a value separated by the first {@code =}, both decoded as
 * {@code application/x-www-form-urlencoded} UTF-8 ({@code +} is a space, {@code %XX} a byte).
 *
 * <p>Never throws for bad input. Empty pairs are skipped; a pair without {@code =} has the value
 * {@code ""}. A pair whose name or value is not well-formed percent-encoded UTF-8 is <em>malformed</em>:
 * it still counts for {@link #has} (under its name decoded if that part is well formed, else as
 * written), but it has no value. A repeated name keeps every occurrence, in order; {@link #first}
 * answers the first.
 */
public final class QueryString {

    /** One {@code name=value} pair: {@code raw} as written, {@code value} null when malformed. */
    private record Pair(String raw, String name, String value) {}

    private static final QueryString EMPTY = new QueryString(List.of());

    private final List<Pair> pairs;

    private QueryString(List<Pair> pairs) {
        this.pairs = pairs;
    }

    /** The query string of a request ({@code HttpServletRequest.getQueryString()}), null for none. */
    public static QueryString parse(String query) {
        if (query == null || query.isEmpty()) {
            return EMPTY;
        }
        List<Pair> pairs = new ArrayList<>();
        for (String raw : query.split("&", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            int eq = raw.indexOf('=');
            String rawName = eq < 0 ? raw : raw.substring(0, eq);
            String name = decode(rawName);
            String value = eq < 0 ? "" : decode(raw.substring(eq + 1));
            pairs.add(new Pair(raw, name == null ? rawName : name, name == null ? null : value));
        }
        return new QueryString(List.copyOf(pairs));
    }

    /** Whether the name occurs at all, even with a malformed value. */
    public boolean has(String name) {
        return pairs.stream().anyMatch(p -> p.name().equals(name));
    }

    /** The decoded value of the name's first occurrence; empty when absent or when that occurrence is malformed. */
    public Optional<String> first(String name) {
        return pairs.stream().filter(p -> p.name().equals(name)).findFirst().map(Pair::value);
    }

    /** The well-formed values of the name, in order. */
    public List<String> all(String name) {
        return pairs.stream()
                .filter(p -> p.name().equals(name) && p.value() != null)
                .map(Pair::value)
                .toList();
    }

    /**
     * The query as written without the pairs of that name (nor empty pairs), with its leading {@code ?},
     * or {@code ""} when nothing is left: for a link to the same page.
     */
    public String without(String name) {
        StringBuilder kept = new StringBuilder();
        for (Pair p : pairs) {
            if (!p.name().equals(name)) {
                kept.append(kept.isEmpty() ? "?" : "&").append(p.raw());
            }
        }
        return kept.toString();
    }

    /** Form-urlencoded UTF-8, strictly; null when a percent escape or the UTF-8 is malformed. */
    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                int end = i + 1;
                while (end < s.length() && s.charAt(end) != '%' && s.charAt(end) != '+') {
                    end++;
                }
                byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
