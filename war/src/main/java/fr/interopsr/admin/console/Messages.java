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

    /** The label, with {@code {0}}, {@code {1}} … replaced by the arguments; the key itself when missing. */
    public String t(String key, Object... args) {
        String text = table.getOrDefault(key, key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** Whether this table has the key (to show only known labels of a query parameter). */
    public boolean has(String key) {
        return table.containsKey(key);
    }

    static Map<String, String> table(String language) {
        return FR.equals(language) ? MessagesFr.TABLE : MessagesEn.TABLE;
    }
}
