package fr.interopsr.it.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outage proxy itself, in front of an echo server on the loopback: no database, no server. */
class TcpProxyTest {

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    while (!echo.isClosed()) {
                        try {
                            Socket s = echo.accept();
                            Thread e = new Thread(() -> {
                                try (s;
                                        InputStream in = s.getInputStream();
                                        OutputStream out = s.getOutputStream()) {
                                    in.transferTo(out);
                                } catch (IOException gone) {
                                    // reset by the proxy
                                }
                            });
                            e.setDaemon(true);
                            e.start();
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "echo");
        t.setDaemon(true);
        t.start();
        proxy = new TcpProxy("127.0.0.1", echo.getLocalPort(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket s = connect()) {
            assertArrayEquals(bytes("ping"), roundTrip(s, "ping"));
        }
    }

    @Test
    void cutByResetResetsOpenConnectionsAndEveryNewOne() throws Exception {
        try (Socket s = connect()) {
            roundTrip(s, "before");
            proxy.cutByReset();
            assertThrows(SocketException.class, () -> {
                // the first write may still be taken by the kernel; the RST shows on the read, or on a later write
                for (int i = 0; i < 50; i++) {
                    roundTrip(s, "after");
                }
            });
        }
        assertThrows(
                SocketException.class,
                () -> {
                    // accepted then reset: the RST may already meet the connect, or else the first read
                    try (Socket s = connect()) {
                        roundTrip(s, "new");
                    }
                },
                "a new connection is reset, not served");
        proxy.restore();
        try (Socket s = connect()) {
            assertArrayEquals(bytes("back"), roundTrip(s, "back"));
        }
    }

    @Test
    void blackHoleAnswersNothingThenRestoresTheHeldStream() throws Exception {
        try (Socket s = connect()) {
            roundTrip(s, "before");
            proxy.cutByBlackHole();
            s.getOutputStream().write(bytes("held"));
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            try (Socket fresh = connect()) {
                fresh.getOutputStream().write(bytes("nobody"));
                assertThrows(
                        SocketTimeoutException.class,
                        () -> fresh.getInputStream().read(),
                        "a new connection is accepted and never answered");
            }
            proxy.restore();
            // nothing was dropped: what was sent during the black hole arrives now
            assertArrayEquals(bytes("held"), s.getInputStream().readNBytes(4));
            assertArrayEquals(bytes("after"), roundTrip(s, "after"));
            assertTrue(proxy.connections() >= 1);
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 2000);
        s.setSoTimeout(500);
        return s;
    }

    private static byte[] roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(bytes(text));
        s.getOutputStream().flush();
        byte[] answer = s.getInputStream().readNBytes(text.length());
        if (answer.length < text.length()) {
            throw new SocketException("end of stream");
        }
        return answer;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
