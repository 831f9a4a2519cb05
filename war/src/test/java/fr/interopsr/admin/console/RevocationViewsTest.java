package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.provider.Revocation;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 17: the console's revocations page, a form without script and the revocations in force, escaped. */
class RevocationViewsTest {

    private static View view(String language) {
        return new View(
                Messages.of(language),
                "/interops/admin",
                "admin",
                Set.of("interops-admin"),
                "csrf-token",
                "/interops/admin/revocations",
                null);
    }

    @Test
    void listsTheRevocationsInForceEscapedWithTheFormAndItsToken() {
        Instant t = Instant.parse("2026-12-05T19:30:00Z");
        Revocation r = new Revocation(
                "id-1",
                Revocation.Kind.CLIENT,
                null,
                null,
                "<b>client</b>",
                null,
                t,
                t,
                "admin:admin",
                t.plusSeconds(900),
                "leak <script>alert(1)</script>");
        String page = RevocationViews.page(view("en"), List.of(r), null);
        assertTrue(page.contains("id=\"revocations\""), page);
        assertTrue(page.contains("every VI of client &lt;b&gt;client&lt;/b&gt;"), page);
        assertFalse(page.contains("<script"), "no script, everything escaped");
        assertTrue(page.contains("value=\"csrf-token\""));
        assertTrue(page.contains("action=\"/interops/admin/revocations\""));
        assertTrue(RevocationViews.page(view("fr"), List.of(), "refus").contains("Aucune révocation"));
    }
}
