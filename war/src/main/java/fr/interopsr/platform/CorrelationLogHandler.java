package fr.interopsr.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Writes the call's correlation id into the application's log lines (issue 17 §4), with java.util.logging alone,
 * so the same on Payara and WildFly (neither offers a portable mapped diagnostic context): installed on the
 * application's parent logger {@code fr.interopsr}, it takes the records of every logger below it, appends
 * {@code [Correlationid=…]} (and {@code [traceparent=…]}) to the message of those written while a call is served,
 * and hands them to the handlers the records would have reached without it (those of the parent loggers, which
 * the server configures). The message is changed on the calling thread, before a server's asynchronous handler
 * sees it. P-57.
 */
public final class CorrelationLogHandler extends Handler {

    /** The logger under which the application logs. */
    public static final String APPLICATION_LOGGER = "fr.interopsr";

    private final Logger logger;

    private CorrelationLogHandler(Logger logger) {
        this.logger = logger;
    }

    /**
     * Installs the handler on {@code fr.interopsr} (once: a second call does nothing) and returns it; the logger
     * stops handing records to its parents itself, since the handler does.
     */
    public static synchronized CorrelationLogHandler install() {
        Logger app = Logger.getLogger(APPLICATION_LOGGER);
        for (Handler h : app.getHandlers()) {
            if (h instanceof CorrelationLogHandler mine) {
                return mine;
            }
        }
        CorrelationLogHandler handler = new CorrelationLogHandler(app);
        app.addHandler(handler);
        app.setUseParentHandlers(false);
        return handler;
    }

    /** Removes the handler (undeploy): the logger hands its records to its parents again. */
    public synchronized void uninstall() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
    }

    /** The message with the call's correlation, or as it was when no call is served. */
    static String decorated(String message, Correlation c) {
        if (c == null) {
            return message;
        }
        String tail = " [" + Correlation.HEADER + "=" + c.correlationId() + "]"
                + (c.traceparent() == null ? "" : " [traceparent=" + c.traceparent() + "]");
        return (message == null ? "" : message) + tail;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null) {
            return;
        }
        Correlation c = Correlation.current();
        if (c != null && (record.getMessage() == null || !record.getMessage().contains(c.correlationId()))) {
            record.setMessage(decorated(record.getMessage(), c));
        }
        for (Handler h : parentHandlers()) {
            h.publish(record);
        }
    }

    /** The handlers of the loggers above {@code fr.interopsr}, as the logger itself would have reached them. */
    private List<Handler> parentHandlers() {
        List<Handler> found = new ArrayList<>();
        Logger l = logger.getParent();
        while (l != null) {
            for (Handler h : l.getHandlers()) {
                found.add(h);
            }
            if (!l.getUseParentHandlers()) {
                break;
            }
            l = l.getParent();
        }
        return found;
    }

    @Override
    public void flush() {
        for (Handler h : parentHandlers()) {
            h.flush();
        }
    }

    @Override
    public void close() {
        // the parents' handlers belong to the server
    }
}
