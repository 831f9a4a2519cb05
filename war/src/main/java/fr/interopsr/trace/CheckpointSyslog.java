package fr.interopsr.trace;

import fr.interopsr.platform.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The syslog copy of the signed checkpoints (issue 15, "outside copies"): each checkpoint, a compact JWS, goes to
 * the operator's collector as one RFC 5424 message over TLS (RFC 5425), octet-counted ({@code MSG-LEN SP
 * SYSLOG-MSG}). The copy serves the operator's own collector; the check never reads it back (the database and
 * the checkpoint file are the primary copies).
 *
 * <p>{@link #send} never blocks and never fails because of the collector: it puts the message in a bounded queue
 * that one thread of its own (made by the given {@link ThreadFactory}, the container's {@code
 * ManagedThreadFactory}) writes on one TLS connection, kept open, opened again after a failure with a back-off
 * of 1 s doubling to 60 s. While the collector is away the queue keeps what comes; when it is full, the oldest
 * checkpoint is dropped (a later checkpoint of a chain covers the earlier ones). Drops are counted and logged at
 * WARNING at most once a minute. A message whose connection failed while it was written is sent again on the
 * next one: the collector may see a checkpoint twice, never half of one.
 *
 * <p>TLS 1.3 or 1.2 only (JSSE), the collector's certificate checked with a PKCS#12 trust store and its name
 * with the host name ({@code HTTPS} endpoint identification), and a client certificate from a PKCS#12 key store
 * when the collector asks for one.
 */
public final class CheckpointSyslog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CheckpointSyslog.class.getName());

    /** RFC 5425's port for syslog over TLS. */
    public static final int DEFAULT_PORT = 6514;
    /** {@code local0}. */
    public static final int DEFAULT_FACILITY = 16;
    /** The most checkpoints waiting for the collector. */
    public static final int QUEUE_CAPACITY = 10_000;

    static final int SEVERITY_INFORMATIONAL = 6;
    static final String APP_NAME = "interops-r";
    static final String MSG_ID = "trace-checkpoint";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #close} goes on sending. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** RFC 5425 §4.3.1: receivers SHOULD take messages up to 8192 octets (rsyslog's default maximum is 8k). */
    static final int LARGE_MESSAGE = 8192;
    /** How long a new connection is watched for a refusal by the collector, after the handshake. */
    static final Duration SETTLE = Duration.ofMillis(250);
    /** How long the connection may stay unused before it is checked for a close by the collector. */
    private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How often an idle sender looks whether the collector closed the connection. */
    private static final long IDLE_POLL_SECONDS = 30;

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Wakes the sender when {@link #close} is called; never written. */
    private static final byte[] WAKE = new byte[0];

    /**
     * Where and how the checkpoints go.
     *
     * @param host the collector's host; also the name its certificate must carry
     * @param port its TLS port (6514)
     * @param truststore PKCS#12 trust store for the collector's certificate
     * @param truststorePassword its password
     * @param keystore PKCS#12 key store of the client certificate for mutual TLS, or null for none
     * @param keystorePassword its password, for the store and the key
     * @param facility RFC 5424 facility, 0 to 23 (16: local0)
     * @param hostname the HOSTNAME of the messages (this node's name); characters outside printable US-ASCII
     *     become {@code _}
     */
    public record Settings(
            String host,
            int port,
            Path truststore,
            char[] truststorePassword,
            Path keystore,
            char[] keystorePassword,
            int facility,
            String hostname) {

        public Settings {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("no syslog host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("syslog port " + port + " is not between 1 and 65535");
            }
            if (facility < 0 || facility > 23) {
                throw new IllegalArgumentException("syslog facility " + facility + " is not between 0 and 23");
            }
            if (truststore == null) {
                throw new IllegalArgumentException("no trust store for the syslog collector");
            }
        }

        /** The settings of {@code interops.traces.syslog.*}; empty when {@code interops.traces.syslog.host} is not set. */
        public static Optional<Settings> of(ServerSettings s) {
            return s.traceSyslogHost()
                    .map(host -> new Settings(
                            host,
                            s.traceSyslogPort(),
                            s.traceSyslogTruststore(),
                            s.traceSyslogTruststorePassword(),
                            s.traceSyslogKeystore().orElse(null),
                            s.traceSyslogKeystorePassword(),
                            s.traceSyslogFacility(),
                            s.nodeName()));
        }

        /** The collector as {@code host:port}, for the log. */
        String target() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }

        @Override
        public String toString() {
            return "syslog " + target() + " (trust store " + truststore + ", key store "
                    + (keystore == null ? "none" : keystore) + ", facility " + facility + ")";
        }
    }

    private final Settings settings;
    private final SSLSocketFactory sockets;
    private final Clock clock;
    private final BlockingQueue<byte[]> queue;
    private final int capacity;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedSinceWarning = new AtomicLong();
    private final AtomicLong lastWarning;
    private final AtomicBoolean closeOnce = new AtomicBoolean();
    private final AtomicBoolean warnedLarge = new AtomicBoolean();
    private volatile boolean closing;
    private volatile long closeDeadline;
    private volatile boolean warnedSinceConnected;
    // sender thread, and close() once the sender is stuck
    private volatile Socket plain;
    private volatile SSLSocket socket;
    private OutputStream out;
    private InputStream in;
    private long lastWrite;
    private boolean everConnected;

    /**
     * Loads the stores and starts the sender thread; connects at the first checkpoint.
     *
     * @param settings the collector and the TLS material
     * @param threads makes the sender thread (the container's {@code ManagedThreadFactory}; {@code Thread::new}
     *     in tests)
     * @throws IOException when a store cannot be read
     * @throws GeneralSecurityException when a store cannot be opened or holds nothing usable
     */
    public CheckpointSyslog(Settings settings, ThreadFactory threads) throws IOException, GeneralSecurityException {
        this(settings, threads, Clock.systemUTC(), QUEUE_CAPACITY);
    }

    CheckpointSyslog(Settings settings, ThreadFactory threads, Clock clock, int capacity)
            throws IOException, GeneralSecurityException {
        this.settings = settings;
        this.sockets = context(settings).getSocketFactory();
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos());
        this.thread = threads.newThread(this::run);
        thread.setName("interops-trace-syslog");
        thread.start();
    }

    /**
     * Queues one checkpoint for the collector and returns at once; never throws because of the collector.
     *
     * @param jws the signed checkpoint, a compact JWS (printable US-ASCII)
     * @return false when it was not queued (after {@link #close})
     * @throws IllegalArgumentException when {@code jws} is empty or not printable US-ASCII
     */
    public boolean send(String jws) {
        byte[] frame = frame(message(settings.facility(), settings.hostname(), clock.instant(), jws));
        if (frame.length > LARGE_MESSAGE && warnedLarge.compareAndSet(false, true)) {
            LOG.warning("trace checkpoints to syslog " + settings.target() + ": a message of " + frame.length
                    + " octets, more than the " + LARGE_MESSAGE + " that RFC 5425 asks collectors to take; make sure"
                    + " the collector's largest message size is above it, or it cuts the checkpoint (logged once)");
        }
        if (closing) {
            drop(1);
            return false;
        }
        if (queue.offer(frame)) {
            return true;
        }
        // full: the oldest goes, a later checkpoint covers it
        if (queue.poll() != null) {
            drop(1);
        }
        if (!queue.offer(frame)) {
            drop(1);
        }
        warn("the queue of " + capacity + " checkpoints is full", null);
        return true;
    }

    /** Checkpoints the collector took (written and flushed on a TLS connection). */
    public long sent() {
        return sent.get();
    }

    /** Checkpoints dropped: the queue full, the sender closed before they went, or sent after {@link #close}. */
    public long dropped() {
        return dropped.get();
    }

    /** Checkpoints waiting for the collector. */
    public int waiting() {
        return (int) queue.stream().filter(f -> f != WAKE).count();
    }

    /**
     * Sends what is queued within 3 seconds ({@link #CLOSE_TIMEOUT}), drops the rest (counted and logged), and stops
     * the sender thread. A collector that cannot be reached at that moment gets one attempt, not three seconds of
     * them.
     */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    void close(Duration timeout) {
        if (!closeOnce.compareAndSet(false, true)) {
            return;
        }
        closeDeadline = System.nanoTime() + timeout.toNanos();
        closing = true;
        closed.countDown();
        queue.offer(WAKE);
        try {
            thread.join(timeout.toMillis() + 500);
            if (thread.isAlive()) {
                // stuck in a write to a collector that reads nothing: closing the socket frees it
                abort();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainDropped();
        long lost = droppedSinceWarning.getAndSet(0);
        if (lost > 0) {
            LOG.warning("trace checkpoints to syslog " + settings.target() + ": closed, " + lost
                    + " dropped since the last warning (" + dropped.get() + " in all, " + sent.get() + " sent)");
        } else {
            LOG.info("trace checkpoints to syslog " + settings.target() + ": closed, " + sent.get() + " sent, "
                    + dropped.get() + " dropped");
        }
    }

    // ---------------------------------------------------------------- the message

    /**
     * The RFC 5424 SYSLOG-MSG of one checkpoint: {@code <PRI>1 TIMESTAMP HOSTNAME interops-r - trace-checkpoint - JWS},
     * severity informational, the time in UTC to the millisecond, no structured data, the JWS as MSG (MSG-ANY:
     * US-ASCII, no BOM).
     */
    static String message(int facility, String hostname, Instant at, String jws) {
        if (jws == null || jws.isEmpty()) {
            throw new IllegalArgumentException("empty checkpoint");
        }
        for (int i = 0; i < jws.length(); i++) {
            char c = jws.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("a checkpoint is printable US-ASCII (a compact JWS)");
            }
        }
        return "<" + (facility * 8 + SEVERITY_INFORMATIONAL) + ">1 " + TIMESTAMP.format(at) + " " + hostname(hostname)
                + " " + APP_NAME + " - " + MSG_ID + " - " + jws;
    }

    /** RFC 5425 §4.3 octet counting: {@code MSG-LEN SP SYSLOG-MSG}. */
    static byte[] frame(String message) {
        byte[] msg = message.getBytes(StandardCharsets.US_ASCII);
        byte[] len = (msg.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Arrays.copyOf(len, len.length + msg.length);
        System.arraycopy(msg, 0, frame, len.length, msg.length);
        return frame;
    }

    /** RFC 5424 HOSTNAME: 1 to 255 printable US-ASCII characters other than space, else the NILVALUE. */
    static String hostname(String name) {
        if (name == null || name.isBlank()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(name.length(), 255));
        for (int i = 0; i < name.length() && b.length() < 255; i++) {
            char c = name.charAt(i);
            b.append(c > 0x20 && c < 0x7f ? c : '_');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- the sender thread

    private void run() {
        byte[] pending = null;
        Duration backoff = FIRST_BACKOFF;
        try {
            while (true) {
                if (pending == null) {
                    // closing: the WAKE of close() may not have found room, so never wait then
                    pending = closing ? queue.poll() : queue.poll(IDLE_POLL_SECONDS, TimeUnit.SECONDS);
                    if (pending == WAKE) {
                        pending = null;
                    }
                    if (pending == null) {
                        if (closing) {
                            return;
                        }
                        if (socket != null && peerClosed()) {
                            disconnect();
                        }
                        continue;
                    }
                }
                if (closing && System.nanoTime() - closeDeadline > 0) {
                    drop(1);
                    pending = null;
                    drainDropped();
                    return;
                }
                if (write(pending)) {
                    pending = null;
                    sent.incrementAndGet();
                    backoff = FIRST_BACKOFF;
                } else if (closing) {
                    // one attempt at close: what could not go is dropped
                    drop(1);
                    pending = null;
                    drainDropped();
                    return;
                } else {
                    closed.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
                    backoff =
                            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            // the container stops the thread: what is left is dropped
            if (pending != null) {
                drop(1);
            }
            drainDropped();
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "trace checkpoints to " + settings.target() + ": the sender stopped", e);
            if (pending != null) {
                drop(1);
            }
            drainDropped();
            throw e;
        } finally {
            disconnect();
        }
    }

    /**
     * Writes one frame, connecting first if needed. A connection that was open and fails is replaced once at
     * once (the collector may have closed it while it was idle); false when the frame did not go.
     */
    private boolean write(byte[] frame) {
        boolean reused = socket != null;
        try {
            if (reused && System.nanoTime() - lastWrite > IDLE_CHECK_NANOS && peerClosed()) {
                disconnect();
                reused = false;
            }
            if (socket == null) {
                connect();
            }
            writeFrame(frame);
            return true;
        } catch (IOException | RuntimeException e) {
            disconnect();
            if (!reused) {
                warn("not reached: " + e, null);
                return false;
            }
        }
        try {
            connect();
            writeFrame(frame);
            return true;
        } catch (IOException | RuntimeException e) {
            disconnect();
            warn("not reached: " + e, null);
            return false;
        }
    }

    private void writeFrame(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
        lastWrite = System.nanoTime();
    }

    private void connect() throws IOException {
        int timeout = (int) CONNECT_TIMEOUT.toMillis();
        if (closing) {
            long left = TimeUnit.NANOSECONDS.toMillis(closeDeadline - System.nanoTime());
            if (left <= 0) {
                throw new IOException("closed");
            }
            timeout = (int) Math.min(timeout, left);
        }
        Socket tcp = new Socket();
        plain = tcp;
        try {
            tcp.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            tcp.setSoTimeout(timeout);
            tcp.setKeepAlive(true);
            SSLSocket tls = (SSLSocket) sockets.createSocket(tcp, settings.host(), settings.port(), true);
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setProtocols(supported(tls.getSupportedProtocols()));
            tls.setSSLParameters(p);
            tls.startHandshake();
            in = tls.getInputStream();
            settle(tls);
            // from now on reads only look whether the collector closed the connection
            tls.setSoTimeout(1);
            out = tls.getOutputStream();
            socket = tls;
            lastWrite = System.nanoTime();
            String how = settings.target() + " (" + tls.getSession().getProtocol() + ")";
            if (!everConnected) {
                LOG.info("trace checkpoints to syslog: connected to " + how);
            } else if (warnedSinceConnected) {
                LOG.info("trace checkpoints to syslog: connected again to " + how + ", " + waiting() + " waiting");
            } else {
                LOG.fine(() -> "trace checkpoints to syslog: connected again to " + how);
            }
            everConnected = true;
            warnedSinceConnected = false;
        } catch (IOException | RuntimeException e) {
            plain = null;
            try {
                tcp.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * A collector may refuse the connection only after the handshake: TLS 1.3 ends the client's handshake before
     * the server has checked the client certificate (a refusal comes as an alert afterwards), and rsyslog's gtls
     * driver checks the client's name or certificate after a completed handshake, then closes, with TLS 1.2 too.
     * Waiting {@link #SETTLE} for such an answer keeps the first checkpoints from being written into a connection
     * the collector is closing, and counted as sent.
     */
    private void settle(SSLSocket tls) throws IOException {
        tls.setSoTimeout((int) SETTLE.toMillis());
        try {
            if (in.read() < 0) {
                throw new IOException("the collector closed the connection after the handshake");
            }
        } catch (SocketTimeoutException e) {
            // nothing came: the collector took the connection
        }
    }

    private static String[] supported(String[] supported) {
        List<String> s = Arrays.asList(supported);
        String[] protocols = Arrays.stream(PROTOCOLS).filter(s::contains).toArray(String[]::new);
        return protocols.length > 0 ? protocols : PROTOCOLS;
    }

    /** Whether the collector closed the connection (a collector sends nothing, so any end of stream is one). */
    private boolean peerClosed() {
        try {
            while (in.available() > 0) {
                if (in.read() < 0) {
                    return true;
                }
            }
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Closes the connection from the sender thread: close_notify, then the TCP connection. A TLS 1.3 socket is
     * half-closed first: its plain close() sends user_canceled before close_notify, which GnuTLS (rsyslog's gtls
     * driver) logs as a fatal alert.
     */
    private void disconnect() {
        SSLSocket tls = socket;
        Socket tcp = plain;
        socket = null;
        plain = null;
        out = null;
        in = null;
        try {
            if (tls != null) {
                if (!tls.isClosed() && "TLSv1.3".equals(tls.getSession().getProtocol())) {
                    try {
                        tls.shutdownOutput();
                    } catch (IOException e) {
                        LOG.log(Level.FINE, "syslog connection not half-closed", e);
                    }
                }
                tls.close();
            } else if (tcp != null) {
                tcp.close();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "syslog connection not closed cleanly", e);
        }
    }

    /** Closes the TCP connection under a sender stuck in a write (from {@link #close}). */
    private void abort() {
        Socket tcp = plain;
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "syslog connection not closed cleanly", e);
        }
    }

    // ---------------------------------------------------------------- drops and warnings

    private long drainDropped() {
        List<byte[]> left = new ArrayList<>();
        queue.drainTo(left);
        long n = left.stream().filter(f -> f != WAKE).count();
        drop(n);
        return n;
    }

    private void drop(long n) {
        if (n > 0) {
            dropped.addAndGet(n);
            droppedSinceWarning.addAndGet(n);
        }
    }

    /** Logs at WARNING, at most once a minute for this sender, with the drops since the last warning. */
    private void warn(String what, Throwable cause) {
        warnedSinceConnected = true;
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last < WARNING_INTERVAL.toNanos() || !lastWarning.compareAndSet(last, now)) {
            return;
        }
        LOG.log(
                Level.WARNING,
                "trace checkpoints to syslog " + settings.target() + ": " + what + "; "
                        + droppedSinceWarning.getAndSet(0) + " dropped since the last warning (" + dropped.get()
                        + " in all), " + waiting() + " waiting. The database and the checkpoint file keep them"
                        + " (next warning in a minute at the earliest)",
                cause);
    }

    // ---------------------------------------------------------------- TLS material

    private static SSLContext context(Settings s) throws IOException, GeneralSecurityException {
        KeyStore trust = load(s.truststore(), s.truststorePassword());
        boolean anchors = false;
        for (String alias : Collections.list(trust.aliases())) {
            anchors |= trust.isCertificateEntry(alias) || trust.getCertificateChain(alias) != null;
        }
        if (!anchors) {
            throw new KeyStoreException("syslog trust store " + s.truststore() + " holds no certificate");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        KeyManager[] keys = null;
        if (s.keystore() != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(load(s.keystore(), s.keystorePassword()), s.keystorePassword());
            keys = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        } catch (IOException e) {
            throw new IOException("syslog store " + file + " not read: " + e.getMessage(), e);
        }
        return ks;
    }
}
