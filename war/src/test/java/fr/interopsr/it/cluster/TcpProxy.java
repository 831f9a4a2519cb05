package fr.interopsr.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A TCP proxy between a node and its database (issue 16, "Database outage"), on 127.0.0.1, that can cut the
 * connection in two ways and give it back:
 *
 * <ul>
 *   <li>{@link #cutByReset}: every connection is reset (SO_LINGER 0, then close: the peer reads an RST, not an end of
 *       stream), and each new one is accepted and reset at once;
 *   <li>{@link #cutByBlackHole}: the sockets stay open and nothing is forwarded either way (what was sent stays in the
 *       kernel's buffers); new connections are accepted and never answered, like a database behind a dead route;
 *   <li>{@link #restore}: forwarding resumes on the connections that survived (their streams are intact: nothing
 *       was dropped, only held), and the connections accepted during a black hole are reset, as their clients
 *       have given up on them.
 * </ul>
 *
 * Plain threads, two per connection: a node's pool holds a few dozen connections at most.
 */
final class TcpProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TcpProxy.class.getName());

    enum Mode {
        OPEN,
        CLOSED,
        BLACK_HOLE
    }

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    /** Connections accepted during a black hole, never answered. */
    private final Set<Socket> held = ConcurrentHashMap.newKeySet();

    private final Object modeLock = new Object();
    private volatile Mode mode = Mode.OPEN;
    private volatile boolean running = true;

    /** Listens on 127.0.0.1:{@code listenPort} (0: any free port) and forwards to {@code host:port}. */
    TcpProxy(String host, int port, int listenPort) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 64);
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Mode mode() {
        return mode;
    }

    /** Live forwarded connections (for the tests' own checks). */
    int connections() {
        return links.size();
    }

    /** Cut by reset: every connection gets an RST, and so does every new one until {@link #restore}. */
    void cutByReset() {
        setMode(Mode.CLOSED);
        for (Link link : links) {
            link.reset();
        }
        resetHeld();
    }

    /** Cut by black hole: nothing forwarded, nothing answered, nothing closed. */
    void cutByBlackHole() {
        setMode(Mode.BLACK_HOLE);
    }

    /** Forwarding again. */
    void restore() {
        setMode(Mode.OPEN);
        resetHeld();
    }

    private void setMode(Mode next) {
        synchronized (modeLock) {
            mode = next;
            modeLock.notifyAll();
        }
    }

    /** Stops listening and resets every connection. */
    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "proxy close", e);
        }
        setMode(Mode.CLOSED);
        links.forEach(Link::reset);
        resetHeld();
    }

    private void resetHeld() {
        for (Socket s : held) {
            reset(s);
            held.remove(s);
        }
    }

    private void acceptLoop() {
        while (running) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (running) {
                    LOG.log(Level.WARNING, "proxy accept", e);
                }
                return;
            }
            switch (mode) {
                case CLOSED -> reset(client);
                case BLACK_HOLE -> held.add(client);
                case OPEN -> connect(client);
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5000);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "proxy: " + target + " unreachable", e);
            reset(client);
            reset(upstream);
            return;
        }
        Link link = new Link(client, upstream);
        links.add(link);
        link.start();
    }

    /** SO_LINGER 0 then close: the peer gets an RST. */
    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Waits while the proxy is black-holed; false when the link must end (cut by reset, or shut down). */
    private boolean mayForward() throws InterruptedException {
        synchronized (modeLock) {
            while (mode == Mode.BLACK_HOLE && running) {
                modeLock.wait();
            }
            return mode == Mode.OPEN && running;
        }
    }

    /** One proxied connection: a client socket, its upstream socket, one pump each way. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, "up");
            pump(upstream, client, "down");
        }

        private void pump(Socket from, Socket to, String way) {
            Thread t = new Thread(
                    () -> {
                        byte[] buffer = new byte[16 * 1024];
                        try (InputStream in = from.getInputStream();
                                OutputStream out = to.getOutputStream()) {
                            int n;
                            while ((n = in.read(buffer)) >= 0) {
                                // a chunk read during a black hole is held here, not dropped: the stream stays
                                // intact for a restore; the rest waits in the kernel's buffers
                                if (!mayForward()) {
                                    break;
                                }
                                out.write(Arrays.copyOf(buffer, n));
                                out.flush();
                            }
                        } catch (IOException | InterruptedException e) {
                            // reset by a cut, or by the peer
                        } finally {
                            if (mode == Mode.OPEN) {
                                // an ordinary end: pass it on politely
                                closeQuietly(from);
                                closeQuietly(to);
                            } else {
                                reset();
                            }
                            links.remove(this);
                        }
                    },
                    "tcp-proxy-" + way + "-" + from.getPort());
            t.setDaemon(true);
            t.start();
        }

        void reset() {
            TcpProxy.reset(client);
            TcpProxy.reset(upstream);
            links.remove(this);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
