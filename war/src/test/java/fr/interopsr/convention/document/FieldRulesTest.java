package fr.interopsr.convention.document;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.IpAddresses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-value rules: IP literals without DNS (IR-20), IR-16 scopes, URLs (IR-10). */
class FieldRulesTest {

    @Test
    void ipLiterals() {
        for (String ok : List.of(
                "10.0.0.1",
                "0.0.0.0",
                "255.255.255.255",
                "::",
                "::1",
                "2001:db8::1",
                "2001:DB8:0:0:8:800:200C:417A",
                "fe80::1:2:3:4",
                "::ffff:192.0.2.1",
                "::192.0.2.1",
                "1:2:3:4:5:6:7:8",
                "1:2:3:4:5:6:192.0.2.1",
                "1::",
                "1:2:3:4:5:6:7::",
                "::2:3:4:5:6:7:8")) {
            assertTrue(IpAddresses.isLiteral(ok), ok);
        }
        for (String bad : List.of(
                "",
                "256.0.0.1",
                "01.2.3.4",
                "1.2.3",
                "1.2.3.4.5",
                "1..2.3",
                "a.b.c.d",
                "localhost",
                "proxy.example",
                "[::1]",
                "fe80::1%eth0",
                "10.0.0.0/8",
                "1:2:3:4:5:6:7:8:9",
                "1::2::3",
                "12345::",
                ":1",
                ":::",
                "1:2:3:4:5:6:7:192.0.2.1",
                "::ffff:256.0.0.1",
                " 10.0.0.1",
                "1:2:3:4:5:6:7:8::",
                "::g",
                "\u0663.1.1.1",
                "\uFF11::")) {
            assertFalse(IpAddresses.isLiteral(bad), bad);
        }
    }

    @Test
    void scopes() {
        assertNull(FieldRules.scope("urn:cnaf:rise:1.0:read"));
        assertNull(FieldRules.scope("!"));
        assertNull(FieldRules.scope("~".repeat(256)));
        assertNotNull(FieldRules.scope("a b"));
        assertNotNull(FieldRules.scope("a\"b"));
        assertNotNull(FieldRules.scope("a\\b"));
        assertNotNull(FieldRules.scope("\u007f"));
        assertNotNull(FieldRules.scope("é"));
        assertNotNull(FieldRules.scope("~".repeat(257)));
    }

    @Test
    void urls() {
        assertNull(FieldRules.httpsUrl("https://idp.example/token?tenant=a", true));
        assertNotNull(FieldRules.httpsUrl("https://idp.example/token?tenant=a", false));
        assertNull(FieldRules.absoluteUri("urn:cnaf:rise"));
        assertNotNull(FieldRules.absoluteUri("rise"));
        assertNotNull(FieldRules.issuer("https://" + "a".repeat(2050)));
    }
}
