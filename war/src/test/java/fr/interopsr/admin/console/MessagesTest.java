package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() {
        assertEquals(MessagesEn.TABLE.keySet(), MessagesFr.TABLE.keySet());
        for (String key : MessagesEn.TABLE.keySet()) {
            assertEquals(placeholders(MessagesEn.TABLE.get(key)), placeholders(MessagesFr.TABLE.get(key)), key);
            assertFalse(MessagesFr.TABLE.get(key).isBlank(), key);
        }
    }

    @Test
    void queryThenSessionThenAcceptLanguageThenEnglish() {
        assertEquals("fr", Messages.choose("fr", "en", "en"));
        assertEquals("en", Messages.choose("en", "fr", "fr"));
        assertEquals("fr", Messages.choose(null, "fr", "en"));
        assertEquals("fr", Messages.choose("de", null, "fr-FR,fr;q=0.9,en;q=0.8"));
        assertEquals("en", Messages.choose(null, null, "de-DE,en;q=0.5,fr;q=0.4"));
        assertEquals("fr", Messages.choose(null, null, "de, fr-CA;q=0.8"));
        assertEquals("en", Messages.choose(null, null, "de"));
        assertEquals("en", Messages.choose(null, null, "%%%"));
        assertEquals("en", Messages.choose(null, null, null));
    }

    @Test
    void placeholdersAreReplaced() {
        assertEquals("Convention x-1", Messages.of("en").t("detail.title", "x-1"));
        assertEquals("Connexion", Messages.of("fr").t("login.title"));
        assertEquals("no.such.key", Messages.of("fr").t("no.such.key"));
    }

    @Test
    void anArgumentHoldingPlaceholdersComesOutVerbatim() {
        String dn = "CN={1} {0},O=Evil {2}";
        assertEquals("CN={1} {0},O=Evil {2} and x", Messages.format("{0} and {1}", dn, "x"));
        assertEquals("CN={1} {0},O=Evil {2} then x", Messages.format("{1} then {0}", "x", dn));
        assertEquals("Convention {1}{0}", Messages.of("en").t("detail.title", "{1}{0}"));
    }

    @Test
    void aPlaceholderWithoutItsArgumentIsKept() {
        assertEquals("a {0} b {1}", Messages.format("a {0} b {1}"));
        assertEquals("a x b {1}", Messages.format("a {0} b {1}", "x"));
        assertEquals(
                "a x b {2} {99} {2147483648} {99999999999}",
                Messages.format("a {0} b {2} {99} {2147483648} {99999999999}", "x", "y"));
        assertEquals("null and y", Messages.format("{0} and {1}", null, "y"));
    }

    @Test
    void bracesThatAreNotAPlaceholderAreKept() {
        Object[] args = {"A", "B"};
        assertEquals(
                "{} { } {-1} {+1} {01} {a} {0 } {A} AB} 'A' { A",
                Messages.format("{} { } {-1} {+1} {01} {a} {0 } {{0}} {0}{1}} '{0}' { {0}", args));
        assertEquals("{", Messages.format("{", args));
        assertEquals("}{", Messages.format("}{", args));
        assertEquals("ends with {1", Messages.format("ends with {1", args));
        assertEquals("A{B", Messages.format("{0}{{1}", args));
    }

    @Test
    void aMissingKeyIsTheKeyWithItsPlaceholdersReplaced() {
        assertEquals("no.such.key x {1}", Messages.of("en").t("no.such.key {0} {1}", "x"));
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new HashSet<>();
        Matcher m = Pattern.compile("\\{\\d}").matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void tablesAreNotEmpty() {
        Map<String, String> en = Messages.table("en");
        assertFalse(en.isEmpty());
    }
}
