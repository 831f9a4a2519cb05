package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import fr.interopsr.devpki.DevPki;
import fr.interopsr.pki.TestPki;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syslog copy of the checkpoints against a TLS collector made here (RFC 5425 framing read back byte for byte):
 * the exact RFC 5424 message, one connection for many messages, reconnection, mutual TLS, refusal of an untrusted
 * certificate and of a certificate for another host name, and a dead collector that neither blocks nor throws.
 */
class CheckpointSyslogTest {

    private static final Instant NOW = Instant.now();
    private static final char[] PASSWORD = "test-store".toCharArray();
    private static final String HEADER = "<134>1 2026-12-05T14:03:07.120Z node-a interops-r - trace-checkpoint - ";

    @TempDir
    static Path dir;

    private static DevPki.Ca collectorCa;
    private static Path truststore;
    private static KeyStore collectorKeys;
    private static String jws;

    /** Held here: a logger nobody holds may be collected, and with it the handler added to it. */
    private static final Logger LOG = Logger.getLogger(CheckpointSyslog.class.getName());

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        collectorCa =
                DevPki.createCa("CN=Collector CA,O=Test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        truststore = dir.resolve("collector-trust.p12");
        writeTrustStore(truststore, collectorCa.certificate());
        collectorKeys = serverKeys(collectorCa, "localhost");
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("sig-1").generate();
        JWSObject checkpoint = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID("sig-1")
                        .type(new JOSEObjectType("trace-checkpoint+jwt"))
                        .build(),
                new Payload("{\"chain\":\"admin\",\"seq\":42,\"hash\":\"3f2a\",\"iat\":1796479387}"));
        checkpoint.sign(new ECDSASigner(key));
        jws = checkpoint.serialize();
    }

    @BeforeEach
    void captureLog() {
        LOG.addHandler(capture);
    }

    @AfterEach
    void release() throws Exception {
        LOG.removeHandler(capture);
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    // ---------------------------------------------------------------- the message

    @Test
    void eachCheckpointIsOneOctetCountedRfc5424MessageOnOneConnection() throws Exception {
        Collector collector = collector(collectorKeys, null, 0);
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T14:03:07.120Z"), ZoneOffset.UTC);
        CheckpointSyslog syslog = syslog(settings(collector.port(), null, 16), clock, 100);

        assertTrue(syslog.send(jws));
        assertTrue(syslog.send("a.b.c"));

        assertEquals(HEADER + jws, collector.next());
        assertEquals(HEADER + "a.b.c", collector.next());
        syslog.close();
        assertEquals(2, syslog.sent());
        assertEquals(0, syslog.dropped());
        assertEquals(1, collector.handshakes.get(), "one connection for both");
        assertEquals(List.of(), collector.framingErrors);
    }

    @Test
    void theTimestampIsTheTimeOfTheCheckpointInUtcToTheMillisecond() throws Exception {
        Collector collector = collector(collectorKeys, null, 0);
        CheckpointSyslog syslog = syslog(settings(collector.port(), null, 16), Clock.systemUTC(), 100);

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        syslog.send(jws);
        Instant after = Instant.now();

        String message = collector.next();
        assertTrue(
                message.matches("<134>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z node-a interops-r - "
                        + "trace-checkpoint - \\Q" + jws + "\\E"),
                message);
        Instant stamped = Instant.parse(message.split(" ")[1]);
        assertFalse(
                stamped.isBefore(before) || stamped.isAfter(after),
                stamped + " not in [" + before + ", " + after + "]");
    }

    @Test
    void priIsTheFacilityTimesEightPlusInformational() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        assertEquals(
                "<134>1 2026-01-02T03:04:05.000Z n interops-r - trace-checkpoint - x.y.z",
                CheckpointSyslog.message(16, "n", at, "x.y.z"));
        assertTrue(CheckpointSyslog.message(0, "n", at, "x").startsWith("<6>1 "));
        assertTrue(CheckpointSyslog.message(4, "n", at, "x").startsWith("<38>1 "));
        assertTrue(CheckpointSyslog.message(23, "n", at, "x").startsWith("<190>1 "));
        assertThrows(IllegalArgumentException.class, () -> settings(6514, null, 24));
        assertThrows(IllegalArgumentException.class, () -> settings(6514, null, -1));
        assertThrows(IllegalArgumentException.class, () -> settings(0, null, 16));
    }

    @Test
    void theHostnameIsPrintableAsciiWithoutSpaceAndAtMost255Characters() {
        assertEquals("node-a.example", CheckpointSyslog.hostname("node-a.example"));
        assertEquals("node_a/_", CheckpointSyslog.hostname("node a/\u00e9"));
        assertEquals("-", CheckpointSyslog.hostname(""));
        assertEquals(255, CheckpointSyslog.hostname("h".repeat(300)).length());
    }

    @Test
    void octetCountingIsTheLengthInBytesThenOneSpace() {
        assertEquals("5 <1>1 ", new String(CheckpointSyslog.frame("<1>1 "), StandardCharsets.US_ASCII));
        byte[] frame = CheckpointSyslog.frame("x".repeat(1234));
        assertEquals("1234 " + "x".repeat(1234), new String(frame, StandardCharsets.US_ASCII));
    }

    @Test
    void aCheckpointIsPrintableAscii() throws Exception {
        CheckpointSyslog syslog = syslog(settings(closedPort(), null, 16), Clock.systemUTC(), 10);
        assertThrows(IllegalArgumentException.class, () -> syslog.send("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> syslog.send("\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> syslog.send(""));
    }

    @Test
    void aMessageAboveTheSizeCollectorsShouldTakeIsSentAndWarnedOfOnce() throws Exception {
        Collector collector = collector(collectorKeys, null, 0);
        CheckpointSyslog syslog = syslog(settings(collector.port(), null, 16), Clock.systemUTC(), 10);
        String large = "h." + "p".repeat(9000) + ".s";

        syslog.send(large);
        syslog.send(large);

        assertTrue(collector.next().endsWith(" " + large));
        assertTrue(collector.next().endsWith(" " + large));
        assertEquals(
                1,
                warnings().stream()
                        .filter(w -> w.contains("more than the 8192 that RFC 5425"))
                        .count(),
                warnings()::toString);
    }

    // ---------------------------------------------------------------- the connection

    @Test
    void aConnectionTheCollectorClosedIsOpenedAgainAndNothingIsLost() throws Exception {
        Collector collector = collector(collectorKeys, null, 1); // closes each connection after one message
        CheckpointSyslog syslog = syslog(settings(collector.port(), null, 16), Clock.systemUTC(), 100);

        syslog.send("first.checkpoint.a");
        assertTrue(collector.next().endsWith(" first.checkpoint.a"));
        assertNotNull(collector.closed.poll(10, TimeUnit.SECONDS), "the collector closed the connection");
        Thread.sleep(300);
        syslog.send("second.checkpoint.b");
        assertTrue(collector.next().endsWith(" second.checkpoint.b"));

        syslog.close();
        assertEquals(2, collector.handshakes.get());
        assertEquals(2, syslog.sent());
        assertEquals(0, syslog.dropped());
    }

    @Test
    void aCollectorThatComesBackGetsWhatWaited() throws Exception {
        Collector first = collector(collectorKeys, null, 0);
        int port = first.port();
        CheckpointSyslog syslog = syslog(settings(port, null, 16), Clock.systemUTC(), 100);
        syslog.send("before.the.restart");
        assertTrue(first.next().endsWith(" before.the.restart"));
        first.close();
        Thread.sleep(300); // the close reaches the sender's socket

        syslog.send("while.away");
        Thread.sleep(500);
        assertEquals(1, syslog.sent(), "not sent while the collector is away");
        Collector again = collector(collectorKeys, null, 0, port);
        String message = again.next();
        assertNotNull(message, "the waiting checkpoint reached the collector once it was back");
        assertTrue(message.endsWith(" while.away"), message);
        syslog.close();
        assertEquals(0, syslog.dropped());
    }

    @Test
    void closeSendsWhatIsQueuedInOrder() throws Exception {
        Collector collector = collector(collectorKeys, null, 0);
        CheckpointSyslog syslog = syslog(settings(collector.port(), null, 16), Clock.systemUTC(), 1000);
        for (int i = 0; i < 500; i++) {
            syslog.send("checkpoint." + i + ".sig");
        }
        syslog.close();

        assertEquals(500, syslog.sent());
        assertEquals(0, syslog.dropped());
        for (int i = 0; i < 500; i++) {
            String m = collector.next();
            assertNotNull(m, "message " + i);
            assertTrue(m.endsWith(" checkpoint." + i + ".sig"), m);
        }
        assertFalse(syslog.send("after.close.x"), "refused after close");
        assertEquals(1, syslog.dropped());
    }

    @Test
    void mutualTlsShowsTheClientCertificateAndACollectorThatWantsOneGetsNothingWithout() throws Exception {
        DevPki.Ca clientCa =
                DevPki.createCa("CN=Node CA,O=Test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        DevPki.Issued client = DevPki.issueClientCertificate(
                clientCa.privateKey(),
                clientCa.certificate(),
                "CN=node-a,O=Test",
                NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(10)),
                true,
                null);
        Path keystore = dir.resolve("node-a.p12");
        DevPki.writePkcs12(
                keystore, "node-a", client.privateKey(), PASSWORD, client.certificate(), clientCa.certificate());
        KeyStore clientTrust = trustStore(clientCa.certificate());
        Collector collector = collector(collectorKeys, clientTrust, 0);

        CheckpointSyslog with = syslog(settings(collector.port(), keystore, 16), Clock.systemUTC(), 10);
        with.send("with.client.certificate");
        assertTrue(collector.next().endsWith(" with.client.certificate"));
        assertEquals("CN=node-a,O=Test", collector.peers.get(0));
        with.close();

        CheckpointSyslog without = syslog(settings(collector.port(), null, 16), Clock.systemUTC(), 10);
        without.send("without.client.certificate");
        awaitFailedHandshake(collector);
        without.close();
        assertEquals(0, without.sent());
        assertEquals(1, without.dropped());
        assertEquals(null, collector.received.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void aCollectorWithAnUntrustedCertificateGetsNothing() throws Exception {
        DevPki.Ca rogue =
                DevPki.createCa("CN=Collector CA,O=Test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        Collector collector = collector(serverKeys(rogue, "localhost"), null, 0);
        CheckpointSyslog syslog = syslog(settings(collector.port(), null, 16), Clock.systemUTC(), 10);

        syslog.send(jws);
        awaitFailedHandshake(collector);
        syslog.close();

        assertEquals(null, collector.received.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, collector.handshakes.get());
        assertEquals(0, syslog.sent());
        assertEquals(1, syslog.dropped());
        assertTrue(warned("not reached: javax.net.ssl.SSLHandshakeException: PKIX path"), warnings()::toString);
    }

    @Test
    void aCollectorWhoseCertificateNamesAnotherHostGetsNothing() throws Exception {
        Collector collector = collector(serverKeys(collectorCa, "collector.example"), null, 0);
        CheckpointSyslog syslog = syslog(settings(collector.port(), null, 16), Clock.systemUTC(), 10);

        syslog.send(jws);
        awaitFailedHandshake(collector);
        syslog.close();

        assertEquals(null, collector.received.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, collector.handshakes.get());
        assertEquals(1, syslog.dropped());
        assertTrue(warned("No subject alternative DNS name matching localhost found"), warnings()::toString);
    }

    @Test
    void aCollectorThatHangsUpRightAfterTheHandshakeGetsNothingAndNothingCountsAsSent() throws Exception {
        // rsyslog's gtls driver with TLS 1.2 completes the handshake, then checks the client's name and hangs up
        Collector collector = collector(collectorKeys, null, 0);
        collector.hangUpAfterHandshake("TLSv1.2");
        CheckpointSyslog syslog = syslog(settings(collector.port(), null, 16), Clock.systemUTC(), 10);

        syslog.send(jws);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (collector.handshakes.get() == 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        syslog.close();

        assertTrue(collector.handshakes.get() > 0);
        assertEquals(null, collector.received.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, syslog.sent());
        assertEquals(1, syslog.dropped());
        assertTrue(warned("the collector closed the connection after the handshake"), warnings()::toString);
    }

    // ---------------------------------------------------------------- a dead collector

    @Test
    void aCollectorThatAcceptsButNeverAnswersNeitherBlocksNorThrowsIntoTheCaller() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            deadCollector(blackHole.getLocalPort());
        }
    }

    @Test
    void aCollectorThatIsNotListeningNeitherBlocksNorThrowsIntoTheCaller() throws Exception {
        deadCollector(closedPort());
    }

    private void deadCollector(int port) throws Exception {
        CheckpointSyslog syslog = syslog(settings(port, null, 16), Clock.systemUTC(), 5);
        long slowest = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            long t = System.nanoTime();
            syslog.send("checkpoint." + i + ".sig");
            slowest = Math.max(slowest, System.nanoTime() - t);
        }
        long all = System.nanoTime() - start;
        assertTrue(all < TimeUnit.SECONDS.toNanos(1), "1000 sends took " + all / 1_000_000 + " ms");
        assertTrue(slowest < TimeUnit.MILLISECONDS.toNanos(200), "slowest send " + slowest / 1_000_000 + " ms");
        assertTrue(syslog.dropped() >= 1000 - 5 - 1, "dropped " + syslog.dropped());
        assertTrue(syslog.waiting() <= 5);
        // the first of "the queue of 5 checkpoints is full" and "not reached: ...", the other one held back
        assertEquals(1, warnings().size(), "one warning a minute at most: " + warnings());

        long closing = System.nanoTime();
        syslog.close();
        long closed = System.nanoTime() - closing;
        assertTrue(closed < TimeUnit.SECONDS.toNanos(5), "close took " + closed / 1_000_000 + " ms");
        assertEquals(0, syslog.sent());
        assertEquals(1000, syslog.dropped(), "every checkpoint counted as dropped");
        assertTrue(warnings().get(warnings().size() - 1).contains("1000 in all"), warnings()::toString);
    }

    // ---------------------------------------------------------------- the stores

    @Test
    void storesThatCannotBeOpenedStopTheConstructor() throws Exception {
        Path empty = dir.resolve("empty-trust.p12");
        writeTrustStore(empty);
        CheckpointSyslog.Settings noAnchor =
                new CheckpointSyslog.Settings("localhost", 6514, empty, PASSWORD, null, null, 16, "n");
        assertThrows(GeneralSecurityException.class, () -> new CheckpointSyslog(noAnchor, Thread::new));
        CheckpointSyslog.Settings wrongPassword = new CheckpointSyslog.Settings(
                "localhost", 6514, truststore, "wrong".toCharArray(), null, null, 16, "n");
        assertThrows(IOException.class, () -> new CheckpointSyslog(wrongPassword, Thread::new));
        CheckpointSyslog.Settings missing = new CheckpointSyslog.Settings(
                "localhost", 6514, dir.resolve("missing.p12"), PASSWORD, null, null, 16, "n");
        assertThrows(IOException.class, () -> new CheckpointSyslog(missing, Thread::new));
    }

    // ---------------------------------------------------------------- helpers

    private CheckpointSyslog syslog(CheckpointSyslog.Settings settings, Clock clock, int capacity)
            throws IOException, GeneralSecurityException {
        CheckpointSyslog syslog = new CheckpointSyslog(settings, Thread::new, clock, capacity);
        toClose.add(syslog);
        return syslog;
    }

    private static CheckpointSyslog.Settings settings(int port, Path keystore, int facility) {
        return new CheckpointSyslog.Settings(
                "localhost", port, truststore, PASSWORD, keystore, PASSWORD, facility, "node-a");
    }

    private Collector collector(KeyStore keys, KeyStore clientTrust, int closeAfter) throws Exception {
        return collector(keys, clientTrust, closeAfter, 0);
    }

    private Collector collector(KeyStore keys, KeyStore clientTrust, int closeAfter, int port) throws Exception {
        Collector c = new Collector(keys, clientTrust, closeAfter, port);
        toClose.add(c);
        return c;
    }

    private static void awaitFailedHandshake(Collector collector) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (collector.failedHandshakes.get() == 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(collector.failedHandshakes.get() > 0, "the handshake failed");
    }

    private List<String> warnings() {
        return logged.stream()
                .filter(r -> r.getLevel() == Level.WARNING)
                .map(LogRecord::getMessage)
                .toList();
    }

    private boolean warned(String part) {
        return warnings().stream().anyMatch(m -> m.contains(part));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static KeyStore serverKeys(DevPki.Ca ca, String dnsName) throws Exception {
        DevPki.Issued server = TestPki.server(ca, NOW, dnsName);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
                "server", server.privateKey(), PASSWORD, new X509Certificate[] {server.certificate(), ca.certificate()
                });
        return ks;
    }

    private static KeyStore trustStore(X509Certificate... anchors) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < anchors.length; i++) {
            ks.setCertificateEntry("ca-" + i, anchors[i]);
        }
        return ks;
    }

    private static void writeTrustStore(Path file, X509Certificate... anchors) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore(anchors).store(out, PASSWORD);
        }
    }

    /**
     * A syslog collector over TLS (RFC 5425) on the loopback address: one connection at a time, octet-counted
     * frames read exactly, anything else recorded as a framing error.
     */
    static final class Collector implements AutoCloseable {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
        final AtomicInteger handshakes = new AtomicInteger();
        final AtomicInteger failedHandshakes = new AtomicInteger();
        final List<String> framingErrors = new CopyOnWriteArrayList<>();
        final List<String> peers = new CopyOnWriteArrayList<>();
        private final SSLServerSocket server;
        private final int closeAfter;
        private final Thread thread;
        private volatile SSLSocket current;
        private volatile boolean hangUp;

        Collector(KeyStore keys, KeyStore clientTrust, int closeAfter, int port) throws Exception {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, PASSWORD);
            TrustManagerFactory tmf = null;
            if (clientTrust != null) {
                tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(clientTrust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server.setNeedClientAuth(clientTrust != null);
            this.closeAfter = closeAfter;
            thread = new Thread(this::accept, "test-syslog-collector");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** From now on, closes each connection right after its handshake, with only this protocol enabled. */
        void hangUpAfterHandshake(String protocol) {
            server.setEnabledProtocols(new String[] {protocol});
            hangUp = true;
        }

        /** The next message, or null after 10 s. */
        String next() throws InterruptedException {
            return received.poll(10, TimeUnit.SECONDS);
        }

        private void accept() {
            int connection = 0;
            while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    current = s;
                    connection++;
                    s.setSoTimeout(15_000);
                    try {
                        s.startHandshake();
                    } catch (IOException e) {
                        failedHandshakes.incrementAndGet();
                        continue;
                    }
                    handshakes.incrementAndGet();
                    if (hangUp) {
                        continue;
                    }
                    if (server.getNeedClientAuth()) {
                        peers.add(((X509Certificate) s.getSession().getPeerCertificates()[0])
                                .getSubjectX500Principal()
                                .getName());
                    }
                    InputStream in = s.getInputStream();
                    int frames = 0;
                    try {
                        String message;
                        while ((message = frame(in)) != null) {
                            received.add(message);
                            if (closeAfter > 0 && ++frames >= closeAfter) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        if (!server.isClosed()) {
                            framingErrors.add(e.toString());
                        }
                    }
                    closed.add(connection);
                } catch (IOException e) {
                    // closed
                }
            }
        }

        /** RFC 5425 §4.3: MSG-LEN (no leading zero) SP SYSLOG-MSG of exactly MSG-LEN octets; null at a clean end. */
        static String frame(InputStream in) throws IOException {
            StringBuilder len = new StringBuilder();
            int c;
            while ((c = in.read()) != ' ') {
                if (c < 0) {
                    if (len.length() == 0) {
                        return null;
                    }
                    throw new EOFException("end inside MSG-LEN " + len);
                }
                if (c < '0' || c > '9' || (len.length() == 0 && c == '0') || len.length() > 6) {
                    throw new IOException("bad MSG-LEN " + len + (char) c);
                }
                len.append((char) c);
            }
            int n = Integer.parseInt(len.toString());
            byte[] msg = in.readNBytes(n);
            if (msg.length < n) {
                throw new EOFException("end inside a message of " + n + " octets");
            }
            for (byte b : msg) {
                if (b < 0x20 || b > 0x7e) {
                    throw new IOException("not printable US-ASCII: " + b);
                }
            }
            return new String(msg, StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws Exception {
            server.close();
            SSLSocket s = current;
            if (s != null) {
                s.close();
            }
            thread.join(5000);
        }
    }
}
