package fr.interopsr.trace;

import fr.interopsr.convention.ConventionRevisionRecord;
import fr.interopsr.convention.ConventionStore;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionReadResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code allowedClockSkewSeconds} of a convention revision, for {@link ViMask} (D-19 amended). Revisions are
 * immutable (D-14), so each (id, revision) is read from the convention store once per node and kept in a bounded
 * map (cleared when it grows past {@value #LIMIT} entries): a page of traces costs no query per row. A trace
 * without a convention revision, a revision not found, or a document that today's rules no longer read, gives
 * {@link ViMask#UNKNOWN_SKEW_SECONDS} (mask longer, never shorter); a failed read is not remembered.
 */
@ApplicationScoped
public class ConventionSkews {

    private static final Logger LOG = Logger.getLogger(ConventionSkews.class.getName());
    static final int LIMIT = 10_000;

    @Inject
    ConventionStore store;

    /** The stored document of a revision, when there is one; null: read it from {@link #store}. */
    private final BiFunction<String, Integer, Optional<String>> documents;

    private record Key(String conventionId, int revision) {}

    private final Map<Key, Integer> skews = new ConcurrentHashMap<>();

    public ConventionSkews() {
        this.documents = null;
    }

    /** Over {@code documents} instead of the store (tests). */
    ConventionSkews(BiFunction<String, Integer, Optional<String>> documents) {
        this.documents = documents;
    }

    /** The skew of that revision in seconds; {@link ViMask#UNKNOWN_SKEW_SECONDS} when it cannot be known. */
    public int skewSeconds(String conventionId, Integer revision) {
        if (conventionId == null || revision == null) {
            return ViMask.UNKNOWN_SKEW_SECONDS;
        }
        Key key = new Key(conventionId, revision);
        Integer known = skews.get(key);
        if (known != null) {
            return known;
        }
        int skew;
        try {
            skew = document(conventionId, revision)
                    .map(json -> ConventionDocumentReader.read(json.getBytes(StandardCharsets.UTF_8)))
                    .flatMap(ConventionReadResult::document)
                    .map(d -> d.dataProvider().allowedClockSkewSeconds())
                    .orElse(ViMask.UNKNOWN_SKEW_SECONDS);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "the skew of convention " + conventionId + " revision " + revision
                            + " cannot be read; its VIs are masked with the largest skew",
                    e);
            return ViMask.UNKNOWN_SKEW_SECONDS;
        }
        if (skews.size() >= LIMIT) {
            skews.clear();
        }
        skews.put(key, skew);
        return skew;
    }

    /** How many revisions are remembered (tests). */
    int size() {
        return skews.size();
    }

    private Optional<String> document(String conventionId, int revision) {
        return documents != null
                ? documents.apply(conventionId, revision)
                : store.revision(conventionId, revision).map(ConventionRevisionRecord::document);
    }
}
