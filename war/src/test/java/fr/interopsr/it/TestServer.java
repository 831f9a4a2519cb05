package fr.interopsr.it;

import fr.interopsr.devpki.DevPki;
import fr.interopsr.platform.PostgresSchemas;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assertions;

/**
 * What the integration tests know of the server that Arquillian starts: the real WAR, its
 * ports, the development PKI, TLS clients with or without a client certificate, and the H2
 * database (opened in AUTO_SERVER mode so the tests can read the traces).
 */
public final class TestServer {

    public static final Path BASEDIR = Path.of(System.getProperty("interops.basedir", "."));
    public static final Path BUILD = Path.of(System.getProperty("interops.build.dir", "target"));
    public static final String RUN = System.getProperty("it.run.id", "local");
    public static final int HTTPS_PORT = Integer.getInteger("it.https.port", 18443);
    public static final int HTTP_PORT = Integer.getInteger("it.http.port", 18080);
    public static final Path PKI = BASEDIR.resolve("truststores/dev");
    /** The conventions every test server loads (failsafe runs in the WAR module's directory). */
    public static final Path TEST_CONVENTIONS = Path.of("src/test/resources/conventions");

    public static final String BASE = "https://localhost:" + HTTPS_PORT + "/interops";
    public static final String TOKEN = BASE + "/idp/token";
    public static final String ISSUER = "https://localhost:8443/interops";
    public static final char[] PASSWORD = DevPki.devPassword();

    private TestServer() {}

    /** The conventions directory the test server imports at start (arquillian.xml). */
    public static Path conventionsDir() {
        return BUILD.resolve("it-data").resolve(RUN).resolve("conventions");
    }

    /**
     * Copies the test conventions of src/test/resources/conventions into the server's directory and
     * adds the generated ones; runs before the container starts (from a @Deployment method).
     */
    public static void prepareConventions(Map<String, String> generated) {
        prepareDatabase();
        try {
            Path dir = conventionsDir();
            Files.createDirectories(dir);
            try (var files = Files.newDirectoryStream(TEST_CONVENTIONS, "*.json")) {
                for (Path f : files) {
                    Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (var e : generated.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WAR the build made, deployed as is: context root /interops. */
    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(BUILD.toFile(), "interops.war"));
    }

    public static String secretOf(String clientId) throws IOException {
        return Files.readString(
                        BUILD.resolve("it-data").resolve(RUN).resolve("secrets").resolve(clientId + ".secret"))
                .strip();
    }

    /** The password that development mode generated for an administrator of the test server ({@code admin}, …). */
    static String passwordOf(String user) throws IOException {
        return Files.readString(
                        BUILD.resolve("it-data").resolve(RUN).resolve("secrets").resolve(user + ".password"))
                .strip();
    }

    public static final boolean POSTGRES = "postgres".equals(System.getProperty("it.database"));

    public static final String PG_SCHEMA = "it_" + RUN;

    /** The test server's database: the H2 file (AUTO_SERVER mode) or, with -Ppostgres, this run's schema. */
    public static Connection database() throws SQLException {
        if (POSTGRES) {
            return PostgresSchemas.connect(PG_SCHEMA);
        }
        String path = BUILD.resolve("it-data")
                .resolve(RUN)
                .resolve("interops")
                .toAbsolutePath()
                .toString();
        return DriverManager.getConnection("jdbc:h2:file:" + path + ";AUTO_SERVER=TRUE", "sa", "sa");
    }

    /** The URL a separate program (the command line's check) opens the test server's database with. */
    public static String jdbcUrl() {
        if (POSTGRES) {
            return PostgresSchemas.url() + "?currentSchema=" + PG_SCHEMA;
        }
        return "jdbc:h2:file:"
                + BUILD.resolve("it-data").resolve(RUN).resolve("interops").toAbsolutePath()
                + ";AUTO_SERVER=TRUE";
    }

    /** The user of {@link #jdbcUrl()}; its password is {@link #jdbcPassword()}. */
    public static String jdbcUser() {
        return POSTGRES ? PostgresSchemas.USER : "sa";
    }

    public static String jdbcPassword() {
        return POSTGRES ? "" : "sa";
    }

    /** With -Ppostgres, this run's schema, made before the server starts (the migrations fill it). */
    public static void prepareDatabase() {
        if (!POSTGRES) {
            return;
        }
        try (Connection c = PostgresSchemas.connect(null);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + PG_SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PostgresSchemas.url() + " unavailable", e);
        }
    }

    public static KeyStore trustStore() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(PKI.resolve("truststore.p12"))) {
            ts.load(in, PASSWORD);
        }
        return ts;
    }

    /** TLS that trusts the dev CA and presents no client certificate. */
    public static SSLContext tls() throws Exception {
        return tls(null);
    }

    /** TLS presenting the key and chain of the given PKCS#12 (or none when null). */
    public static SSLContext tls(KeyStore clientKeys) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore());
        SSLContext ctx = SSLContext.getInstance("TLS");
        if (clientKeys == null) {
            ctx.init(null, tmf.getTrustManagers(), null);
        } else {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKeys, PASSWORD);
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        }
        return ctx;
    }

    /**
     * TLS that presents this key and certificate whatever CAs the server names in its
     * CertificateRequest (the JDK's key manager would otherwise send nothing for a foreign CA).
     */
    public static SSLContext tlsAlwaysPresenting(PrivateKey key, X509Certificate... chain) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore());
        X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {"client"};
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "client";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return "client";
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return chain;
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return key;
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {always}, tmf.getTrustManagers(), null);
        return ctx;
    }

    public static KeyStore clientKeys(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(PKI.resolve(name + ".p12"))) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    public static KeyStore clientKeys(PrivateKey key, X509Certificate... chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, PASSWORD, chain);
        return ks;
    }

    public static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static HttpClient anonymous() throws Exception {
        return client(tls());
    }

    public static HttpClient withCertificate(String name) throws Exception {
        return client(tls(clientKeys(name)));
    }

    public static HttpRequest.Builder form(String body) {
        return form(URI.create(TOKEN), body);
    }

    /** A token request to the token endpoint of another server (JournalCrashIT starts its own). */
    public static HttpRequest.Builder form(URI tokenEndpoint, String body) {
        return HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    public static String basic(String login, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A raw HTTP/1.1 exchange over plain TCP from a chosen local address (127.0.0.2 is the
     * trusted proxy of the test server, D-2); returns the status line, headers and body.
     */
    public static String rawHttp(String localAddress, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * A raw HTTP/1.1 exchange over HTTPS from a chosen local address, with the given TLS client context (which may
     * present a client certificate of its own): how a trusted proxy at 127.0.0.2 that re-encrypts to the server
     * would connect (D-2).
     */
    public static String rawHttps(String localAddress, SSLContext tls, String request) throws IOException {
        try (Socket tcp = new Socket()) {
            tcp.bind(new InetSocketAddress(localAddress, 0));
            tcp.connect(new InetSocketAddress("127.0.0.1", HTTPS_PORT), 10_000);
            tcp.setSoTimeout(20_000);
            try (SSLSocket socket =
                    (SSLSocket) tls.getSocketFactory().createSocket(tcp, "localhost", HTTPS_PORT, true)) {
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                socket.getInputStream().transferTo(answer);
                return answer.toString(StandardCharsets.UTF_8);
            }
        }
    }

    public static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    /** One row of the trace table as column -> text, the first the query gives. */
    public static Map<String, String> trace(String sql, String arg) throws Exception {
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement(sql)) {
            if (arg != null) {
                p.setString(1, arg);
            }
            try (ResultSet r = p.executeQuery()) {
                Assertions.assertTrue(r.next(), "a trace exists");
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnLabel(i).toLowerCase(), r.getString(i));
                }
                return row;
            }
        }
    }

    /** The {@code JSESSIONID=…} pair a console answer sets (for a later request's {@code Cookie}); fails without one. */
    static String cookieOf(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no session cookie: " + r.headers().map()));
    }
}
