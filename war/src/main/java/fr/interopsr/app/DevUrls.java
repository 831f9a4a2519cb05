package fr.interopsr.app;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where the development banner says the server answers (issue 16 §5). Payara Micro serves MicroProfile Health on its
 * HTTP listener ({@code interops.http.port}, 8080 unless given). WildFly serves it on its management interface only:
 * {@code jboss.management.http.port} (9990) plus {@code jboss.socket.binding.port-offset}, on
 * {@code jboss.bind.address.management} (127.0.0.1 unless rebound); its HTTPS port is {@code jboss.https.port}
 * (8443) plus the offset. WildFly is recognised by the system property {@code jboss.home.dir}, which its launch scripts
 * always set, read through MicroProfile Config like any other key: no WildFly API.
 *
 * @param readiness the URL of {@code /health/ready}, with a note when it is not on the application's listener
 * @param httpsPort the HTTPS port of the application's URLs
 */
record DevUrls(String readiness, int httpsPort) {

    static DevUrls of(Function<String, Optional<String>> config) {
        Optional<Integer> httpsSetting = number(config, "interops.https.port");
        if (config.apply("jboss.home.dir").isEmpty()) {
            int http = number(config, "interops.http.port").orElse(8080);
            return new DevUrls("http://localhost:" + http + "/health/ready", httpsSetting.orElse(8443));
        }
        int offset = number(config, "jboss.socket.binding.port-offset").orElse(0);
        int management = number(config, "jboss.management.http.port").orElse(9990) + offset;
        String host = config.apply("jboss.bind.address.management")
                .filter(s -> !s.isBlank())
                .orElse("127.0.0.1");
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return new DevUrls(
                "http://" + host + ":" + management + "/health/ready   (WildFly: management interface, not the"
                        + " application's port)",
                httpsSetting.orElseGet(() -> number(config, "jboss.https.port").orElse(8443) + offset));
    }

    private static Optional<Integer> number(Function<String, Optional<String>> config, String key) {
        return config.apply(key).map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf);
    }
}
