package fr.interopsr.app;

import jakarta.inject.Inject;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

/** Counts the requests in flight, which a node told to stop waits for ({@link GracefulStop}). */
@WebListener
public class RequestsInFlight implements ServletRequestListener {

    @Inject
    GracefulStop stop;

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        stop.requestStarted();
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        stop.requestEnded();
    }
}
