package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Issue 17 §4, P-57: the application's log lines written while a call is served carry its correlation id. */
class CorrelationLogHandlerTest {

    /** What the server's own handler (on the root logger) receives. */
    static final class Captured extends Handler {
        final List<String> messages = new ArrayList<>();

        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void linesOfACallCarryItsIdAndOtherLinesAreUnchanged() {
        Logger root = Logger.getLogger("");
        Captured server = new Captured();
        root.addHandler(server);
        CorrelationLogHandler handler = CorrelationLogHandler.install();
        try {
            assertSame(handler, CorrelationLogHandler.install(), "installed once");
            Logger app = Logger.getLogger("fr.interopsr.token.SomeClass");
            Correlation c = Correlation.of(
                    List.of("6f9619ff-8b86-4011-b42d-00c04fc964ff"),
                    List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
            Correlation.use(c);
            try {
                app.log(Level.WARNING, "client {0} refused", "app-client");
            } finally {
                Correlation.end();
            }
            app.warning("no call here");
            Logger.getLogger("org.other").warning("not ours");
            assertEquals(
                    List.of(
                            "client {0} refused [Correlationid=6f9619ff-8b86-4011-b42d-00c04fc964ff]"
                                    + " [traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01]",
                            "no call here", "not ours"),
                    server.messages,
                    "each line once, through the server's handlers");
        } finally {
            handler.uninstall();
            root.removeHandler(server);
        }
        assertTrue(Logger.getLogger(CorrelationLogHandler.APPLICATION_LOGGER).getUseParentHandlers());
        assertFalse(List.of(Logger.getLogger(CorrelationLogHandler.APPLICATION_LOGGER)
                        .getHandlers())
                .contains(handler));
    }
}
