package fr.interopsr.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The records {@link TraceAudit} walks (issue 15): chain after chain, each in {@code chain_seq} order,
 * read {@value #PAGE} sequence numbers at a time. Each page is a bounded range of the unique index
 * {@code (chain, chain_seq)}, so that no page depends on the planner's estimate of what lies past the
 * last statistics (with stale statistics, "chain_seq > ? ORDER BY chain_seq" sorted the whole rest of
 * the chain for every page: hours for a million traces). A gap in the sequence (a deleted record)
 * yields fewer rows, never an early end: a walk goes on to the chain's highest number as it was when
 * the walk began. One {@link PreparedStatement} serves every page.
 *
 * <p>Two ways: {@link InTurn} reads each page on the check's connection when the walk needs it;
 * {@link Ahead} (given a {@link TraceAudit.ReadAhead}) reads every chain's pages, in the walk's order,
 * on a second connection and a thread of the given factory, at most {@value #QUEUED} pages ahead of
 * the walk, so that the database and the driver read page n + 1 while page n is hashed (decisions.md,
 * P-36). What the walk sees is the same either way, page for page; an error of the reader reaches the
 * walk as the same exception, and closing waits for the reader's end.
 */
abstract class AuditRecords implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditRecords.class.getName());

    /** Sequence numbers per page. */
    static final int PAGE = 1000;

    /** Pages read ahead of the walk, at most. */
    static final int QUEUED = 2;

    /** A chain to walk, from its first kept sequence number. */
    record Start(String chain, long first) {}

    /** One chain's links, page after page; closing it before its end leaves the source unusable. */
    abstract static class ChainLinks implements Iterator<TraceChain.Link>, AutoCloseable {
        private List<TraceChain.Link> page = List.of();
        private int index;

        /** The chain's next page that holds links; empty at its end. */
        abstract List<TraceChain.Link> nextPage();

        @Override
        public final boolean hasNext() {
            if (index < page.size()) {
                return true;
            }
            page = nextPage();
            index = 0;
            return !page.isEmpty();
        }

        @Override
        public final TraceChain.Link next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(index++);
        }

        @Override
        public void close() {
            // nothing read ahead
        }
    }

    /**
     * The next chain's links. Chains must be asked for in the order given to {@link #open}, each walked
     * to its end. SQL failures cross the Iterator as {@link TraceAudit.UncheckedSql}.
     */
    abstract ChainLinks chain(Start start);

    @Override
    public abstract void close() throws SQLException;

    /**
     * Reads ahead when {@code readAhead} is given and its connection and thread can be had, else in turn on
     * {@code c} (logged).
     */
    static AuditRecords open(Connection c, TraceAudit.ReadAhead readAhead, List<Start> chains) {
        if (readAhead == null || chains.isEmpty()) {
            return new InTurn(c);
        }
        Connection second;
        try {
            second = readAhead.connections().open();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace check: no second connection to read ahead with, reading in turn", e);
            return new InTurn(c);
        }
        try {
            return new Ahead(second, readAhead.threads(), chains);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trace check: no thread to read ahead on, reading in turn", e);
            try {
                second.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            return new InTurn(c);
        }
    }

    /** Reads one chain after another, page by page, on one connection, with one statement for every page. */
    static final class Pages implements AutoCloseable {
        private final Connection c;
        private PreparedStatement bounds;
        private PreparedStatement page;
        private String chain;
        private long next;
        private long last = Long.MIN_VALUE;

        Pages(Connection c) {
            this.c = c;
        }

        /** Starts a chain: its sequence numbers from {@code from} to its highest now. */
        void start(String chainName, long from) throws SQLException {
            if (bounds == null) {
                bounds = c.prepareStatement(
                        "SELECT MIN(chain_seq), MAX(chain_seq) FROM trace_record WHERE chain = ? AND chain_seq >= ?");
            }
            bounds.setString(1, chainName);
            bounds.setLong(2, from);
            try (ResultSet r = bounds.executeQuery()) {
                r.next();
                next = r.getLong(1);
                last = r.wasNull() ? Long.MIN_VALUE : r.getLong(2);
            }
            chain = chainName;
        }

        /** The chain's next page that holds records; empty once the chain is read. */
        List<TraceChain.Link> next() throws SQLException {
            while (next <= last) {
                long upper = last - next < PAGE ? last : next + PAGE - 1;
                if (page == null) {
                    page = c.prepareStatement("SELECT * FROM trace_record WHERE chain = ?"
                            + " AND chain_seq >= ? AND chain_seq <= ? ORDER BY chain_seq");
                }
                page.setString(1, chain);
                page.setLong(2, next);
                page.setLong(3, upper);
                List<TraceChain.Link> links = new ArrayList<>((int) (upper - next + 1));
                try (ResultSet r = page.executeQuery()) {
                    while (r.next()) {
                        TraceRecord t = TraceRecord.fromRow(r);
                        links.add(
                                new TraceChain.Link(t.id(), t.chainSeq(), t.recordHash(), t.keyId(), t.chainFields()));
                    }
                }
                if (upper == last) {
                    last = Long.MIN_VALUE; // the chain is read once this page is
                } else {
                    next = upper + 1;
                }
                if (!links.isEmpty()) {
                    return links;
                }
            }
            return List.of();
        }

        @Override
        public void close() throws SQLException {
            try (PreparedStatement b = bounds;
                    PreparedStatement p = page) {
                // closed in turn, the first failure thrown
            }
        }
    }

    /** Each page read on the check's connection when the walk needs it. */
    static final class InTurn extends AuditRecords {
        private final Pages pages;

        InTurn(Connection c) {
            pages = new Pages(c);
        }

        @Override
        ChainLinks chain(Start start) {
            return new ChainLinks() {
                private boolean started;

                @Override
                List<TraceChain.Link> nextPage() {
                    try {
                        if (!started) {
                            started = true;
                            pages.start(start.chain(), start.first());
                        }
                        return pages.next();
                    } catch (SQLException e) {
                        throw new TraceAudit.UncheckedSql(e);
                    }
                }
            };
        }

        @Override
        public void close() throws SQLException {
            pages.close();
        }
    }

    /**
     * Every chain's pages read by a thread of its own on a second connection, in the walk's order, into a
     * queue of {@value #QUEUED} pages; an empty page ends a chain, an error ends the reading. The connection
     * is opened and closed by the check's thread; the reader only reads on it.
     */
    static final class Ahead extends AuditRecords {
        /** A page, an end of chain (no links), or the reader's failure. */
        private record Item(List<TraceChain.Link> links, Throwable error) {}

        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUED);
        private final Connection connection;
        private final Thread reader;
        private volatile boolean stopped;
        private boolean outOfStep;

        Ahead(Connection connection, ThreadFactory threads, List<Start> chains) {
            this.connection = connection;
            Thread t = threads.newThread(() -> read(List.copyOf(chains)));
            if (t == null) {
                throw new IllegalStateException("the thread factory gave no thread");
            }
            t.setName("trace-check-reader");
            t.start();
            reader = t;
        }

        private void read(List<Start> chains) {
            try (Pages pages = new Pages(connection)) {
                for (Start s : chains) {
                    pages.start(s.chain(), s.first());
                    List<TraceChain.Link> page;
                    do {
                        if (stopped) {
                            return;
                        }
                        page = pages.next();
                        if (!post(new Item(page, null))) {
                            return;
                        }
                    } while (!page.isEmpty());
                }
            } catch (Throwable e) { // every failure reaches the walk: SQLException, RuntimeException, Error
                post(new Item(List.of(), e));
            }
        }

        /** Waits for room; false once the check stopped. */
        private boolean post(Item item) {
            try {
                while (!stopped) {
                    if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        private Item take() {
            try {
                while (true) {
                    Item item = queue.poll(1, TimeUnit.SECONDS);
                    if (item != null) {
                        return item;
                    }
                    if (!reader.isAlive() && queue.isEmpty()) {
                        throw new IllegalStateException("the trace check's reader ended without an answer");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the trace check was interrupted", e);
            }
        }

        @Override
        ChainLinks chain(Start start) {
            if (outOfStep) {
                throw new IllegalStateException("a chain was left before its end");
            }
            return new ChainLinks() {
                private boolean ended;

                @Override
                List<TraceChain.Link> nextPage() {
                    if (ended) {
                        return List.of();
                    }
                    Item item = take();
                    if (item.error() != null) {
                        ended = true;
                        outOfStep = true;
                        throw rethrown(item.error());
                    }
                    ended = item.links().isEmpty();
                    return item.links();
                }

                @Override
                public void close() {
                    if (!ended) {
                        outOfStep = true;
                    }
                }
            };
        }

        private static RuntimeException rethrown(Throwable e) {
            if (e instanceof SQLException s) {
                return new TraceAudit.UncheckedSql(s);
            }
            if (e instanceof RuntimeException r) {
                return r;
            }
            if (e instanceof Error error) {
                throw error;
            }
            return new IllegalStateException(e);
        }

        /** Stops the reader, waits for its end, then closes the second connection. */
        @Override
        public void close() throws SQLException {
            stopped = true;
            queue.clear();
            boolean interrupted = false;
            while (true) {
                try {
                    reader.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            connection.close();
        }

        /** The reader, for tests: ended once closed. */
        Thread reader() {
            return reader;
        }
    }
}
