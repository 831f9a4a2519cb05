package fr.interopsr.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 16 §5: the development banner names the URLs the server really answers on. */
class DevUrlsTest {

    private static DevUrls of(Map<String, String> config) {
        return DevUrls.of(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void payaraServesHealthOnItsHttpListener() {
        assertEquals(new DevUrls("http://localhost:8080/health/ready", 8443), of(Map.of()));
        assertEquals(
                new DevUrls("http://localhost:18080/health/ready", 18443),
                of(Map.of("interops.http.port", "18080", "interops.https.port", "18443")));
    }

    @Test
    void wildflyServesHealthOnTheManagementInterfaceOnly() {
        DevUrls urls = of(Map.of("jboss.home.dir", "/opt/wildfly"));
        assertTrue(urls.readiness().startsWith("http://127.0.0.1:9990/health/ready "), urls.readiness());
        assertEquals(8443, urls.httpsPort());
    }

    @Test
    void wildflyPortsFollowTheOffsetAndTheManagementAddress() {
        DevUrls urls = of(Map.of(
                "jboss.home.dir", "/opt/wildfly",
                "jboss.socket.binding.port-offset", "30000",
                "jboss.bind.address.management", "0.0.0.0"));
        assertTrue(urls.readiness().startsWith("http://localhost:39990/health/ready "), urls.readiness());
        assertEquals(38443, urls.httpsPort());
        urls = of(Map.of(
                "jboss.home.dir", "/opt/wildfly",
                "jboss.management.http.port", "29990",
                "jboss.https.port", "28443",
                "jboss.bind.address.management", "::1"));
        assertTrue(urls.readiness().startsWith("http://[::1]:29990/health/ready "), urls.readiness());
        assertEquals(28443, urls.httpsPort());
    }

    @Test
    void anExplicitHttpsPortWinsOnWildflyToo() {
        assertEquals(
                19443,
                of(Map.of("jboss.home.dir", "/w", "jboss.https.port", "28443", "interops.https.port", "19443"))
                        .httpsPort());
    }
}
