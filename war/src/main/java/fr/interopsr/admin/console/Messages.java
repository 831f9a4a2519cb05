package fr.interopsr.admin.console;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's labels in one language: {@link MessagesEn} and {@link MessagesFr} hold one table
 * each. The language is {@code ?lang=fr|en} when given (and remembered in the session), then the
 * session's, then the browser's {@code Accept-Language}, then English.
 */
public final class Messages {

    public static final String EN = "en";
    public static final String FR = "fr";
    public static final List<String> LANGUAGES = List.of(EN, FR);

    private final String language;
    private final Map<String, String> table;

    private Messages(String language, Map<String, String> table) {
        this.language = language;
        this.table = table;
    }

    public static Messages of(String language) {
        return FR.equals(language) ? new Messages(FR, MessagesFr.TABLE) : new Messages(EN, MessagesEn.TABLE);
    }

    /** The language to use: the query's, else the session's, else the best of Accept-Language, else English. */
    public static String choose(String query, String session, String acceptLanguage) {
        if (query != null && LANGUAGES.contains(query)) {
            return query;
        }
        if (session != null && LANGUAGES.contains(session)) {
            return session;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
                String best = Locale.lookupTag(ranges, LANGUAGES);
                if (best != null) {
                    return best.toLowerCase(Locale.ROOT);
                }
            } catch (IllegalArgumentException malformed) {
                return EN;
            }
        }
        return EN;
    }

    public String language() {
        return language;
    }

    /**
     * The label, with {@code {0}}, {@code {1}} … replaced by the arguments; the key itself when missing. See
     * {@link #format}: an argument's text is never read again, so a DN holding {@code {1}} comes out as it is.
     */
    public String t(String key, Object... args) {
        return format(table.getOrDefault(key, key), args);
    }

    /**
     * {@code pattern} with each {@code {n}} (n in decimal, no leading zero, less than the number of arguments)
     * replaced by {@code String.valueOf(args[n])}, in one scan of the pattern: the arguments' text is copied, never
     * scanned (issue 13). Everything else is kept as it is: a {@code {n}} with no argument, braces around anything
     * other than such an index, a lone brace. No quoting: {@code '} is an ordinary character.
     */
    static String format(String pattern, Object... args) {
        int count = args == null ? 0 : args.length;
        if (count == 0) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern.length() + 16 * count);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{') {
                int close = pattern.indexOf('}', i + 1);
                int index = close < 0 ? -1 : argumentIndex(pattern, i + 1, close, count);
                if (index >= 0) {
                    out.append(args[index]);
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The index written in {@code text[from, to)}, or -1 when it is not a decimal index below {@code count}. */
    private static int argumentIndex(String text, int from, int to, int count) {
        int length = to - from;
        if (length == 0 || length > 9 || (length > 1 && text.charAt(from) == '0')) {
            return -1;
        }
        int value = 0;
        for (int k = from; k < to; k++) {
            char d = text.charAt(k);
            if (d < '0' || d > '9') {
                return -1;
            }
            value = value * 10 + (d - '0');
        }
        return value < count ? value : -1;
    }

    /** Whether this table has the key (to show only known labels of a query parameter). */
    public boolean has(String key) {
        return table.containsKey(key);
    }

    static Map<String, String> table(String language) {
        return FR.equals(language) ? MessagesFr.TABLE : MessagesEn.TABLE;
    }
}
