package fr.interopsr.it.cluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Remembers that a test of the class failed, so that its cluster's schema and logs are kept ({@link Cluster#tearDown}). */
final class FailureFlag implements TestWatcher {

    private volatile boolean failed;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    boolean failed() {
        return failed;
    }
}
