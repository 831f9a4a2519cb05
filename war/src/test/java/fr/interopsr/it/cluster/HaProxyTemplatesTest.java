package fr.interopsr.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HAProxy templates of {@code server-config/haproxy/} as the cluster tests and operators fill them (a unit test:
 * no HAProxy needed). What D-2 asks of our proxy is written in them: a partner's own forwarding headers removed,
 * the certificate forwarded as an RFC 9440 sf-binary only when one was presented, the address set (not appended).
 */
class HaProxyTemplatesTest {

    static final Path DIR = Path.of("../server-config/haproxy");

    static final List<Map<String, String>> NODES = List.of(
            Map.of("node.name", "node-a", "node.address", "10.0.0.1", "node.https", "8443", "node.http", "8080"),
            Map.of("node.name", "node-b", "node.address", "10.0.0.2", "node.https", "8443", "node.http", "8080"));

    static final Map<String, String> VALUES = Map.of(
            "front.address", "0.0.0.0",
            "front.port", "443",
            "tls.crt", "/etc/haproxy/interops.pem",
            "tls.ca", "/etc/haproxy/partners-ca.pem",
            "backend.ca", "/etc/haproxy/nodes-ca.pem",
            "backend.source", "10.0.0.9",
            "admin.socket", "/run/haproxy/admin.sock");

    static String rendered(String template) throws Exception {
        return HaProxy.render(Files.readString(DIR.resolve(template)), VALUES, NODES);
    }

    static List<String> directives(String config) {
        return config.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    @Test
    void terminationForwardsOnlyWhatTheProxyWrites() throws Exception {
        List<String> lines = directives(rendered(HaProxy.TERMINATION));
        int del = lines.indexOf("http-request del-header Client-Cert");
        int set = lines.indexOf("http-request set-header Client-Cert :%[ssl_c_der,base64]: if { ssl_c_used }");
        assertTrue(del >= 0 && set > del, "an incoming Client-Cert is removed before the proxy writes its own");
        assertTrue(lines.contains("http-request del-header Client-Cert-Chain"));
        assertTrue(lines.contains("http-request set-header X-Forwarded-For %[src]"), "set, not appended");
        assertTrue(lines.contains("http-request set-header X-Forwarded-Proto https"));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("option forwardfor")), "forwardfor appends a header");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("bind ") && l.contains(" verify optional")));
        assertEquals(2, lines.stream().filter(l -> l.equals("source 10.0.0.9")).count(), "both backends");
        assertTrue(lines.stream()
                .filter(l -> l.startsWith("default-server "))
                .allMatch(l -> l.contains(" ssl verify required ") && l.contains("no-check-ssl")));
    }

    @Test
    void terminationIsStickyByCookieForTheAdministrationOnly() throws Exception {
        String config = rendered(HaProxy.TERMINATION);
        String admin = config.substring(config.indexOf("\nbackend interops_admin"));
        String nodes = config.substring(
                config.indexOf("\nbackend interops_nodes"), config.indexOf("\nbackend interops_admin"));
        assertTrue(admin.contains("cookie INTEROPS_NODE insert"));
        assertTrue(admin.contains("server node-a 10.0.0.1:8443 port 8080 cookie node-a"));
        assertTrue(admin.contains("server node-b 10.0.0.2:8443 port 8080 cookie node-b"));
        assertFalse(nodes.contains("cookie"));
        assertTrue(nodes.contains("server node-a 10.0.0.1:8443 port 8080"));
        assertTrue(config.contains("use_backend interops_admin if { path_beg /interops/admin/ }"));
        assertEquals(
                2,
                directives(config).stream()
                        .filter(l -> l.equals("option httpchk GET /health/ready"))
                        .count());
    }

    @Test
    void passThroughIsStickyBySourceAndSendsNoProxyProtocolToPayara() throws Exception {
        List<String> lines = directives(rendered(HaProxy.PASSTHROUGH));
        assertTrue(lines.contains("mode tcp"));
        assertTrue(lines.contains("balance source"));
        assertTrue(lines.contains("option httpchk GET /health/ready"));
        assertTrue(lines.contains("server node-b 10.0.0.2:8443 port 8080"));
        assertFalse(lines.stream().anyMatch(l -> l.contains("send-proxy")), "Payara Micro reads no PROXY protocol");
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("source ")), "not from the trusted proxy's address");
    }

    @Test
    void everyPlaceholderNeedsAValue() {
        assertThrows(
                IllegalArgumentException.class,
                () -> HaProxy.render("bind {{front.address}}:{{nowhere}}", VALUES, NODES));
        assertEquals(
                "# {{node.name}} stays in a comment\nserver node-a\nserver node-b\n",
                HaProxy.render("# {{node.name}} stays in a comment\nserver {{node.name}}", VALUES, NODES));
    }
}
