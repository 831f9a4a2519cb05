package fr.interopsr.trace;

import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores every trace and returns only once it is committed (IR-18, IR-19, D-17): the caller
 * answers after {@link #record} returns and refuses to answer when it throws.
 */
@ApplicationScoped
public class TraceJournal {

    private static final Logger LOG = Logger.getLogger(TraceJournal.class.getName());

    @Inject
    ServerSettings settings;

    @Inject
    TraceWriter writer;

    private String node;

    @PostConstruct
    void init() {
        node = settings.nodeName();
    }

    /** Commits the trace in a transaction of its own; throws when it could not be committed. */
    public void record(TraceEntry entry) throws TraceUnavailable {
        try {
            writer.write(TraceRecord.of(entry, node));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "trace not committed: " + entry.kind() + " " + entry.status(), e);
            throw new TraceUnavailable("the trace journal is unavailable", e);
        }
    }

    /**
     * Records an admin action in the transaction of the change itself (D-17): both commit or
     * neither. Must be called inside a transaction.
     */
    public void recordWithin(TraceEntry entry) {
        writer.writeWithin(TraceRecord.of(entry, node));
    }
}
