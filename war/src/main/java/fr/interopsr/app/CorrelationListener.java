package fr.interopsr.app;

import fr.interopsr.platform.Correlation;
import fr.interopsr.platform.CorrelationLogHandler;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Correlation ids in the log (issue 17 §4, P-57): installs {@link CorrelationLogHandler} while the application is
 * deployed, and lets go of a request's correlation when the request ends, so that a thread of the container's pool
 * never carries one call's id into the next (the authentication mechanism sets it, {@link Correlation#begin}).
 */
@WebListener
public class CorrelationListener implements ServletContextListener, ServletRequestListener {

    private CorrelationLogHandler handler;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        handler = CorrelationLogHandler.install();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (handler != null) {
            handler.uninstall();
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        Correlation.end();
    }
}
