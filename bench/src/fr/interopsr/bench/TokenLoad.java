package fr.interopsr.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Load client for an OAuth 2.0 token endpoint over HTTPS (TLS 1.3, HTTP/1.1), for the benchmark's
 * row 3: {@code client_credentials} with {@code tls_client_auth} (RFC 8705), the client authenticated
 * by its X.509 certificate in the TLS handshake, which {@code wrk} cannot present. JDK 17+ only, run
 * with the source launcher: {@code java bench/src/fr/interopsr/bench/TokenLoad.java --url=... }.
 *
 * <p>{@code --connections} threads each send {@code POST grant_type=client_credentials[&client_id=]}
 * one after another for {@code --duration} seconds, after an optional {@code --warmup} whose figures
 * are discarded. Only an answer with status 200 is a success; any other status or I/O error counts
 * as an error. Latency: from the start of a request (connection and handshake included when there is
 * one) to the last byte of its answer. stdout gets one line, in the form the benchmark script makes
 * of wrk's output: {@code <200 answers per second> <p50 ms> <p99 ms> <requests> <non-200 or failed>};
 * diagnostics go to stderr.
 *
 * <p>Both modes write the HTTP/1.1 request by hand on an {@link SSLSocket} and read the answer by
 * hand (status line, headers, Content-Length or chunked body): the same code, only the connection
 * handling differs. (The JDK's {@code HttpClient} was tried for keep-alive: it spent about twice the
 * client CPU per request, CPU taken from the server on a 2-core machine.)
 * <ul>
 *   <li>{@code --mode=keepalive}: each thread keeps one connection (one {@link SSLContext} for all)
 *       and sends its requests on it, reconnecting only if the server closes it.</li>
 *   <li>{@code --mode=handshake}: every request on a new TCP connection with a NEW FULL TLS 1.3
 *       handshake. Each request builds a fresh {@link SSLContext} (from key and trust managers made
 *       once; a few microseconds): a fresh context has an empty client session cache, so its
 *       ClientHello carries no {@code pre_shared_key} (no ticket to resume); the server must send its
 *       certificate and, as it requests client certificates, a CertificateRequest, and the client
 *       presents its certificate again. The request says {@code Connection: close} and the socket is
 *       closed after the answer: no connection is reused.</li>
 * </ul>
 *
 * <p>Proof, on stderr: {@code server certificate checks} counts the server certificate chains
 * validated (one per full handshake: a PSK-resumed TLS 1.3 handshake has no Certificate message),
 * {@code client certificates sent} the CertificateRequests answered with our certificate (a resumed
 * handshake has none). In handshake mode both equal the number of requests. (Distinct session ids
 * would prove nothing: the JDK gives a resumed TLS 1.3 session a new id too.)
 *
 * <p>Options ({@code --name=value}): {@code --url} (https, required), {@code --keystore} (PKCS#12,
 * client key and certificate) and {@code --keystore-password}, {@code --truststore} (PEM certificates,
 * or PKCS#12 with {@code --truststore-password}; default: the JDK's CAs), {@code --client-id},
 * {@code --basic=user:secret} (Authorization: Basic), {@code --connections=16}, {@code --duration=10},
 * {@code --warmup=0}, {@code --mode=keepalive|handshake}.
 */
public final class TokenLoad {

    private static final LongAdder SERVER_CERT_CHECKS = new LongAdder();
    private static final LongAdder CLIENT_CERT_SENT = new LongAdder();
    private static final int TIMEOUT_MS = 10_000;

    /** One answer: its status (-1: I/O error), its body or exception if not 200, whether the server closes. */
    private record Answer(int status, String error, boolean closing) {}

    /** What a worker thread sends with: one connection or none, closed at the end of a phase. */
    private interface Sender extends AutoCloseable {
        Answer send() throws Exception;

        @Override
        default void close() {}
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                usage("not --name=value: " + a);
            }
            opt.put(a.substring(2, eq), a.substring(eq + 1));
        }
        for (String k : opt.keySet()) {
            if (!List.of(
                            "url",
                            "keystore",
                            "keystore-password",
                            "truststore",
                            "truststore-password",
                            "client-id",
                            "basic",
                            "connections",
                            "duration",
                            "warmup",
                            "mode")
                    .contains(k)) {
                usage("unknown option --" + k);
            }
        }
        URI url = URI.create(opt.getOrDefault("url", ""));
        if (!"https".equals(url.getScheme())) {
            usage("--url=https://... is required");
        }
        int connections = Integer.parseInt(opt.getOrDefault("connections", "16"));
        int duration = Integer.parseInt(opt.getOrDefault("duration", "10"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "0"));
        String mode = opt.getOrDefault("mode", "keepalive");
        if (!mode.equals("keepalive") && !mode.equals("handshake")) {
            usage("--mode must be keepalive or handshake");
        }

        KeyManager[] kms = keyManagers(opt.get("keystore"), opt.getOrDefault("keystore-password", ""));
        TrustManager[] tms = trustManagers(opt.get("truststore"), opt.getOrDefault("truststore-password", ""));
        String form = "grant_type=client_credentials"
                + (opt.containsKey("client-id")
                        ? "&client_id=" + URLEncoder.encode(opt.get("client-id"), StandardCharsets.UTF_8)
                        : "");
        String basic = opt.containsKey("basic")
                ? "Basic " + Base64.getEncoder().encodeToString(opt.get("basic").getBytes(StandardCharsets.UTF_8))
                : null;
        Target target = new Target(url, form, basic, mode.equals("handshake"));
        SSLContext shared = newContext(kms, tms, null);
        ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(SecureRandom::new);
        SenderFactory senders = mode.equals("keepalive")
                ? () -> new KeptConnection(shared, target)
                : () -> () -> { // a fresh SSLContext: an empty session cache, nothing to resume
                    try (Connection c = Connection.open(newContext(kms, tms, random.get()), target)) {
                        return c.exchange();
                    }
                };

        if (warmup > 0) {
            Phase w = run(senders, connections, warmup);
            System.err.printf(Locale.ROOT, "warm-up %d s: %s%n", warmup, w.summary());
        }
        long checks0 = SERVER_CERT_CHECKS.sum();
        long sent0 = CLIENT_CERT_SENT.sum();
        Phase m = run(senders, connections, duration);
        System.err.printf(
                Locale.ROOT, "measured %d s (%s, %d connections): %s%n", duration, mode, connections, m.summary());
        System.err.printf(
                Locale.ROOT,
                "TLS 1.3: %d server certificate checks (full handshakes), %d client"
                        + " certificates sent, for %d requests%n",
                SERVER_CERT_CHECKS.sum() - checks0,
                CLIENT_CERT_SENT.sum() - sent0,
                m.total);
        if (m.firstError.get() != null) {
            System.err.println("first error: " + m.firstError.get());
        }
        System.out.printf(
                Locale.ROOT,
                "%.2f %.2f %.2f %d %d%n",
                m.ok.sum() / (m.elapsedNanos / 1e9),
                m.percentileMs(0.50),
                m.percentileMs(0.99),
                m.total,
                m.total - m.ok.sum());
    }

    private static void usage(String why) {
        System.err.println("TokenLoad: " + why + "\nusage: java TokenLoad.java --url=https://host:port/token"
                + " [--keystore=client.p12 --keystore-password=...] [--truststore=ca.pem|trust.p12"
                + " [--truststore-password=...]] [--client-id=ID] [--basic=user:secret] [--connections=16]"
                + " [--duration=10] [--warmup=0] [--mode=keepalive|handshake]");
        System.exit(2);
    }

    // --- HTTP/1.1 over TLS 1.3, by hand --------------------------------------------------------------

    /** Where to connect and the request's bytes. */
    private record Target(String host, int port, byte[] request) {
        Target(URI url, String form, String basic, boolean close) {
            this(url.getHost(), url.getPort() < 0 ? 443 : url.getPort(), bytes(url, form, basic, close));
        }

        private static byte[] bytes(URI url, String form, String basic, boolean close) {
            String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + url.getHost()
                            + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                            + "\r\n"
                            + "Accept: application/json\r\n" + (basic == null ? "" : "Authorization: " + basic + "\r\n")
                            + (close ? "Connection: close\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }
    }

    /** One TCP connection and its TLS 1.3 session, the handshake done in {@link #open}. */
    private static final class Connection implements AutoCloseable {
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;
        private final Target target;

        private Connection(SSLSocket socket, Target target) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.target = target;
        }

        static Connection open(SSLContext ctx, Target t) throws IOException {
            Socket tcp = new Socket();
            try {
                tcp.setTcpNoDelay(true);
                tcp.setSoTimeout(TIMEOUT_MS);
                tcp.connect(new InetSocketAddress(t.host, t.port), TIMEOUT_MS);
                SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(tcp, t.host, t.port, true);
                SSLParameters params = s.getSSLParameters();
                params.setProtocols(new String[] {"TLSv1.3"});
                params.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(params);
                s.startHandshake();
                return new Connection(s, t);
            } catch (IOException | RuntimeException e) {
                tcp.close();
                throw e;
            }
        }

        /** Sends the request, reads the answer: status line, headers, body (Content-Length, chunked or to EOF). */
        Answer exchange() throws IOException {
            out.write(target.request);
            out.flush();
            String[] statusLine = readLine().split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x answer: " + String.join(" ", statusLine));
            }
            int status = Integer.parseInt(statusLine[1]);
            long length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String h = readLine(); !h.isEmpty(); h = readLine()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:")) {
                    chunked = lower.contains("chunked");
                } else if (lower.startsWith("connection:")) {
                    closing = lower.contains("close");
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int n = chunkSize(); n > 0; n = chunkSize()) {
                    body.write(readExactly(n));
                    readLine();
                }
                while (!readLine().isEmpty()) { // trailers
                }
            } else if (length >= 0) {
                body.write(readExactly((int) length));
            } else {
                in.transferTo(body); // no length: the body ends with the connection
                closing = true;
            }
            return new Answer(status, status == 200 ? null : body.toString(StandardCharsets.UTF_8), closing);
        }

        private int chunkSize() throws IOException {
            return Integer.parseInt(readLine().split(";", 2)[0].trim(), 16);
        }

        private byte[] readExactly(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw new IOException("answer cut after " + b.length + " of " + n + " bytes");
            }
            return b;
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed in the answer's head");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() {
            try {
                socket.close(); // also closes the TCP socket
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Keep-alive: one connection per worker, opened on first use and again if the server closed it. */
    private static final class KeptConnection implements Sender {
        private final SSLContext ctx;
        private final Target target;
        private Connection conn;

        KeptConnection(SSLContext ctx, Target target) {
            this.ctx = ctx;
            this.target = target;
        }

        @Override
        public Answer send() throws IOException {
            if (conn == null) {
                conn = Connection.open(ctx, target);
            }
            try {
                Answer a = conn.exchange();
                if (a.closing) {
                    close();
                }
                return a;
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (conn != null) {
                conn.close();
                conn = null;
            }
        }
    }

    // --- running a phase ------------------------------------------------------------------------------

    private interface SenderFactory {
        Sender create();
    }

    /** What one phase saw: counts, latencies of every request (sorted), wall time until the last answer. */
    private static final class Phase {
        final LongAdder ok = new LongAdder();
        final ConcurrentSkipListMap<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
        final AtomicReference<String> firstError = new AtomicReference<>();
        long[] latencies = new long[0];
        long total;
        long elapsedNanos;

        double percentileMs(double q) {
            return latencies.length == 0 ? 0 : latencies[Math.max(0, (int) Math.ceil(q * latencies.length) - 1)] / 1e6;
        }

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "%d requests in %.2f s, %.2f answers 200/s, p50 %.2f ms, p99 %.2f ms,"
                            + " statuses %s (-1: I/O error)",
                    total,
                    elapsedNanos / 1e9,
                    ok.sum() / (elapsedNanos / 1e9),
                    percentileMs(0.5),
                    percentileMs(0.99),
                    statuses);
        }
    }

    /** {@code threads} workers, each with its own sender, send one request after another for {@code seconds}. */
    private static Phase run(SenderFactory senders, int threads, int seconds) throws InterruptedException {
        Phase p = new Phase();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        long[][] perThread = new long[threads][];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            workers.add(new Thread(
                    () -> {
                        long[] lat = new long[4096];
                        int n = 0;
                        try (Sender sender = senders.create()) {
                            while (System.nanoTime() < deadline) {
                                long t0 = System.nanoTime();
                                Answer a;
                                try {
                                    a = sender.send();
                                } catch (Exception e) {
                                    a = new Answer(-1, e.toString(), true);
                                }
                                long took = System.nanoTime() - t0;
                                if (n == lat.length) {
                                    lat = Arrays.copyOf(lat, 2 * n);
                                }
                                lat[n++] = took;
                                p.statuses
                                        .computeIfAbsent(a.status, k -> new LongAdder())
                                        .increment();
                                if (a.status == 200) {
                                    p.ok.increment();
                                } else {
                                    p.firstError.compareAndSet(null, a.status + " " + a.error);
                                }
                            }
                        }
                        perThread[me] = Arrays.copyOf(lat, n); // published to the main thread by join()
                    },
                    "token-load-" + t));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        p.elapsedNanos = System.nanoTime() - start;
        p.latencies =
                Arrays.stream(perThread).flatMapToLong(Arrays::stream).sorted().toArray();
        p.total = p.latencies.length;
        return p;
    }

    // --- TLS: contexts, key and trust managers that count what the handshakes do ---------------------

    private static SSLContext newContext(KeyManager[] kms, TrustManager[] tms, SecureRandom random) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kms, tms, random);
        return ctx;
    }

    private static KeyManager[] keyManagers(String file, String password) throws Exception {
        if (file == null) {
            return null; // no client certificate (e.g. with --basic)
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ks.load(in, password.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password.toCharArray());
        return new KeyManager[] {new CountingKeyManager((X509ExtendedKeyManager) kmf.getKeyManagers()[0])};
    }

    private static TrustManager[] trustManagers(String file, String password) throws Exception {
        KeyStore ts = null; // null: the JDK's CAs
        if (file != null) {
            byte[] bytes = Files.readAllBytes(Path.of(file));
            ts = KeyStore.getInstance("PKCS12");
            if (new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----")) {
                ts.load(null, null);
                int i = 0;
                for (Certificate c :
                        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                    ts.setCertificateEntry("ca-" + i++, c);
                }
            } else {
                ts.load(new ByteArrayInputStream(bytes), password.toCharArray());
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return new TrustManager[] {new CountingTrustManager((X509ExtendedTrustManager) tmf.getTrustManagers()[0])};
    }

    /** Counts the CertificateRequests answered with our certificate; delegates everything. */
    private static final class CountingKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager d;

        CountingKeyManager(X509ExtendedKeyManager d) {
            this.d = d;
        }

        private static String counted(String alias) {
            if (alias != null) {
                CLIENT_CERT_SENT.increment();
            }
            return alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return counted(d.chooseClientAlias(keyType, issuers, socket));
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return counted(d.chooseEngineClientAlias(keyType, issuers, engine));
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return d.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return d.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return d.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return d.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return d.getPrivateKey(alias);
        }
    }

    /** Counts the server certificate chains validated (one per full handshake); delegates everything. */
    private static final class CountingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager d;

        CountingTrustManager(X509ExtendedTrustManager d) {
            this.d = d;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            d.checkServerTrusted(chain, authType, socket);
            SERVER_CERT_CHECKS.increment();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            d.checkServerTrusted(chain, authType, engine);
            SERVER_CERT_CHECKS.increment();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            d.checkServerTrusted(chain, authType);
            SERVER_CERT_CHECKS.increment();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            d.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            d.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            d.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return d.getAcceptedIssuers();
        }
    }
}
