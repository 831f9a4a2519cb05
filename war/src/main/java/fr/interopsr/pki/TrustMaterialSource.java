package fr.interopsr.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the current {@link TrustMaterial} and reloads it when the truststore or a CRL file changes (D-1: "reloads
 * on change"). Change = a file added or removed, or a different modification time or size.
 *
 * <p>{@link #current()} looks at the files at most once per check interval; one thread reloads while the others
 * keep getting the previous snapshot. A reload that fails keeps the previous snapshot and is logged at SEVERE
 * (once per distinct set of files, so a broken file does not flood the log; fixing it triggers a new attempt).
 * Thread-safe.
 */
public final class TrustMaterialSource {

    private static final Logger LOG = Logger.getLogger(TrustMaterialSource.class.getName());

    private final Path truststore;
    private final char[] password;
    private final Path crlDirectory;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile TrustMaterial current;
    private volatile long lastCheck;
    // guarded by lock
    private List<String> loadedFingerprint;
    private List<String> failedFingerprint;

    /**
     * Loads the material now.
     *
     * @param truststore PKCS12 truststore
     * @param password its password
     * @param crlDirectory directory of CRLs, or null
     * @param checkInterval minimum time between two looks at the files ({@link Duration#ZERO}: every call)
     * @throws IllegalStateException when the first load fails (no previous snapshot to fall back on: fail closed);
     *     the cause is the {@link IOException} or {@link GeneralSecurityException}
     */
    public TrustMaterialSource(Path truststore, char[] password, Path crlDirectory, Duration checkInterval) {
        this(truststore, password, crlDirectory, checkInterval, System::nanoTime);
    }

    TrustMaterialSource(
            Path truststore, char[] password, Path crlDirectory, Duration checkInterval, LongSupplier nanoClock) {
        this.truststore = Objects.requireNonNull(truststore, "truststore");
        this.password = password == null ? null : password.clone();
        this.crlDirectory = crlDirectory;
        this.intervalNanos = checkInterval.toNanos();
        this.nanoClock = nanoClock;
        try {
            List<String> fp = fingerprint();
            this.current = TrustMaterial.load(truststore, this.password, crlDirectory);
            this.loadedFingerprint = fp;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot load trust material from " + truststore + " / " + crlDirectory + ": " + e, e);
        }
        this.lastCheck = nanoClock.getAsLong();
    }

    /**
     * The current snapshot, reloaded first if the check interval has passed and a file changed.
     *
     * @return the snapshot (never null)
     */
    public TrustMaterial current() {
        long now = nanoClock.getAsLong();
        if (now - lastCheck >= intervalNanos && lock.tryLock()) {
            try {
                if (now - lastCheck >= intervalNanos) {
                    lastCheck = now;
                    reloadIfChanged();
                }
            } finally {
                lock.unlock();
            }
        }
        return current;
    }

    /**
     * Looks at the files now (ignoring the interval) and reloads if they changed.
     *
     * @return true when a new snapshot was loaded
     */
    public boolean refresh() {
        lock.lock();
        try {
            lastCheck = nanoClock.getAsLong();
            return reloadIfChanged();
        } finally {
            lock.unlock();
        }
    }

    private boolean reloadIfChanged() {
        List<String> fp;
        try {
            fp = fingerprint();
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    "trust material: cannot look at {0} / {1}: {2}; keeping the previous snapshot",
                    new Object[] {truststore, crlDirectory, e.toString()});
            return false;
        }
        if (fp.equals(loadedFingerprint) || fp.equals(failedFingerprint)) {
            return false;
        }
        try {
            TrustMaterial loaded = TrustMaterial.load(truststore, password, crlDirectory);
            // files may have changed during the load: keep the fingerprint seen before it, so a later look reloads
            current = loaded;
            loadedFingerprint = fp;
            failedFingerprint = null;
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            failedFingerprint = fp;
            LOG.log(
                    Level.SEVERE,
                    "trust material: RELOAD FAILED for {0} / {1}: {2}; keeping the previous snapshot "
                            + "loaded at {3}",
                    new Object[] {truststore, crlDirectory, e.toString(), current.loadedAt()});
            return false;
        }
    }

    private List<String> fingerprint() throws IOException {
        List<String> fp = new ArrayList<>();
        fp.add(describe(truststore));
        if (crlDirectory != null) {
            for (Path p : TrustMaterial.crlFiles(crlDirectory)) {
                fp.add(describe(p));
            }
        }
        return fp;
    }

    private static String describe(Path p) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return p + "|" + a.lastModifiedTime() + "|" + a.size();
        } catch (NoSuchFileException e) {
            return p + "|absent";
        }
    }
}
