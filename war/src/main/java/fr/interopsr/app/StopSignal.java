package fr.interopsr.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A stop signal (SIGTERM) caught before the JVM starts its shutdown (P-38, issue 16 behaviour 7). Jakarta EE has no
 * hook that runs before the container stops taking requests: Payara Micro starts undeploying the moment the signal
 * arrives (answering 503 while its {@code /health/ready} still says UP), and a JVM shutdown hook runs alongside the
 * container's, not before it. So the handler is the JDK's {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * exported to every class path), reached by reflection so that nothing in the WAR links to it: where a server hides
 * it, {@link #install} logs a warning and the node stops as the container does by itself, without a drain. The
 * handler given runs in a thread of its own and hands the signal over, when it is done, to the handler that was there
 * before: the JVM's, which starts the shutdown (exit status 128 + 15).
 */
final class StopSignal {

    private static final Logger LOG = Logger.getLogger(StopSignal.class.getName());

    /** The exit status of a JVM stopped by SIGTERM, used when the JVM's own handler cannot be called. */
    static final int EXIT_ON_TERM = 128 + 15;

    private final Class<?> signalClass;
    private final Class<?> handlerClass;
    private final Object signal;
    private final Object previous;

    private StopSignal(Class<?> signalClass, Class<?> handlerClass, Object signal, Object previous) {
        this.signalClass = signalClass;
        this.handlerClass = handlerClass;
        this.signal = signal;
        this.previous = previous;
    }

    /**
     * Handles the signal {@code name} ({@code TERM}) with {@code onSignal}, which gets the hand-over to the previous
     * handler and must run it once done; empty, with a warning, where the JDK's signal API is out of reach.
     */
    static Optional<StopSignal> install(String name, Consumer<Runnable> onSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            StopSignal[] self = new StopSignal[1];
            Object handler = Proxy.newProxyInstance(
                    StopSignal.class.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle" -> {
                                Object received = args[0];
                                onSignal.accept(() -> self[0].handOver(received));
                                return null;
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            default -> {
                                return "Interops-R graceful stop on SIG" + name;
                            }
                        }
                    });
            Object previous =
                    signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            self[0] = new StopSignal(signalClass, handlerClass, signal, previous);
            return Optional.of(self[0]);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            LOG.log(
                    Level.WARNING,
                    "SIG" + name + " cannot be handled here (" + cause
                            + "): the node stops as the server does by itself, without draining (docs/operations.md)");
            return Optional.empty();
        }
    }

    /** Gives the signal to the handler that was there before; exits 143 when that one cannot be called. */
    void handOver(Object received) {
        try {
            handlerClass.getMethod("handle", signalClass).invoke(previous, received);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the JVM's default is a native handler, which Java cannot call: do what it does
            Runtime.getRuntime().exit(EXIT_ON_TERM);
        }
    }

    /** Puts the previous handler back (the application is undeployed, the JVM goes on). */
    void restore() {
        try {
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, previous);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "previous signal handler not restored", e);
        }
    }
}
