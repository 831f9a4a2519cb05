package fr.interopsr.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadFactory;

/**
 * The check of the whole journal (D-18, issue 15), in plain JDBC, shared by the API, the console
 * and the operator's command {@code trace-verify} (module {@code tools}): every chain walked record by record, held against the latest head that a
 * checkpoint signed and against its retention mark; the checkpoint rounds of every signer checked
 * as a hash chain of their own; and, when given, the checkpoints kept outside the database
 * compared with those in it. Each tampering found is reported with its chain, its sequence numbers
 * and its kind ({@link EvidenceProblem}). Records are read 1000 sequence numbers at a time
 * ({@link AuditRecords}: read ahead on a second connection when the caller gives one, P-36) and rounds
 * as a stream, so millions of records need little memory; signatures are verified only where they
 * decide (the last round of each signer, the round that gives a chain its head, each retention mark).
 */
public final class TraceAudit {

    private TraceAudit() {}

    /**
     * What reading ahead needs (issue 15, decisions.md P-36): a second connection to the same database,
     * opened by the check's thread for the walks and closed after them, and a thread to read on (in the
     * server, the container's {@code ManagedThreadFactory}). Without either, the check reads in turn on
     * its one connection.
     */
    public record ReadAhead(Opener connections, ThreadFactory threads) {

        /** Opens the second connection. */
        @FunctionalInterface
        public interface Opener {
            Connection open() throws SQLException;
        }
    }

    /** One chain's result. */
    public record ChainReport(
            String chain,
            boolean intact,
            long checked,
            long lastSequence,
            long keptFrom,
            long signedSequence,
            List<EvidenceProblem> problems,
            long moreProblems) {

        /** The first problem's message, or "intact". */
        public String reason() {
            return problems.isEmpty() ? "intact" : problems.get(0).message();
        }

        /** The id of the first record a problem names, if any. */
        public Optional<Long> firstBrokenRecordId() {
            return problems.stream()
                    .map(EvidenceProblem::recordId)
                    .filter(id -> id != null)
                    .findFirst();
        }
    }

    /** The whole result: intact only when every chain is and no checkpoint problem was found. */
    public record Report(
            boolean intact,
            long records,
            long rounds,
            boolean outsideCompared,
            int outsideCheckpoints,
            List<ChainReport> chains,
            List<EvidenceProblem> checkpointProblems) {

        /** Every problem, the checkpoints' first, then each chain's. */
        public List<EvidenceProblem> problems() {
            List<EvidenceProblem> all = new ArrayList<>(checkpointProblems);
            chains.forEach(c -> all.addAll(c.problems()));
            return all;
        }
    }

    /** A chain's latest signed head, and where it was read. */
    private record SignedHead(long seq, String hash, String jws, Instant signedAt, boolean outside, String signer) {}

    /**
     * Checks the journal. {@code outside}: the lines of the checkpoint file kept outside the
     * database (empty when none was given): a round there and not in the database, or different,
     * is reported, and heads it saw beyond the database's are a rollback.
     */
    public static Report check(Connection c, TraceChain hasher, CheckpointKeys keys, Optional<List<String>> outside)
            throws SQLException {
        return check(c, null, hasher, keys, outside);
    }

    /**
     * Checks the journal as {@link #check(Connection, TraceChain, CheckpointKeys, Optional)}, the
     * records read ahead when {@code readAhead} is given (null: everything read on {@code c}, in turn
     * with the walk). The report is the same either way.
     */
    public static Report check(
            Connection c, ReadAhead readAhead, TraceChain hasher, CheckpointKeys keys, Optional<List<String>> outside)
            throws SQLException {
        List<EvidenceProblem> cp = new ArrayList<>();
        Map<String, RetentionMark> marks = marks(c, keys, cp);
        Map<String, SignedHead> dbHeads = new HashMap<>();
        Map<String, SignedHead> outsideHeads = new HashMap<>();
        OutsideCopy copy = outside.map(lines -> OutsideCopy.read(lines, cp)).orElse(null);
        Set<String> authenticated = new HashSet<>();
        long rounds = rounds(c, keys, marks, copy, dbHeads, authenticated, cp);
        legacyCheckpoints(c, dbHeads, cp);
        if (copy != null) {
            copy.unmatched(marks, keys, outsideHeads, cp);
        }
        TreeSet<String> names = new TreeSet<>(dbHeads.keySet());
        names.addAll(outsideHeads.keySet());
        for (String chain : marks.keySet()) {
            if (!chain.startsWith("rounds:")) {
                names.add(chain);
            }
        }
        // the heads as the journal committed them, read before the walks: each chain reaches at least this far
        Map<String, Long> headRows = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT chain, last_seq FROM trace_chain_head WHERE last_seq > 0")) {
            while (r.next()) {
                headRows.put(r.getString(1), r.getLong(2));
            }
        }
        names.addAll(headRows.keySet());
        // one index probe per chain (a loose index scan of uq_trace_chain_seq), not a DISTINCT over every record
        names.addAll(strings(
                c,
                "WITH RECURSIVE chains (chain) AS (SELECT MIN(chain) FROM trace_record UNION ALL"
                        + " SELECT (SELECT MIN(t.chain) FROM trace_record t WHERE t.chain > chains.chain)"
                        + " FROM chains WHERE chains.chain IS NOT NULL)"
                        + " SELECT chain FROM chains WHERE chain IS NOT NULL"));
        List<ChainReport> chains = new ArrayList<>();
        long records = 0;
        Map<String, CheckpointKeys.Check> verified = new HashMap<>();
        List<AuditRecords.Start> walks = new ArrayList<>();
        for (String chain : names) {
            RetentionMark mark = marks.get(chain);
            walks.add(new AuditRecords.Start(chain, mark == null ? 1 : mark.keptFrom()));
        }
        try (AuditRecords source = AuditRecords.open(c, readAhead, walks)) {
            for (AuditRecords.Start walked : walks) {
                ChainReport report = chain(
                        walked,
                        source,
                        marks,
                        dbHeads,
                        outsideHeads,
                        headRows,
                        hasher,
                        keys,
                        authenticated,
                        verified,
                        cp);
                records += report.checked();
                chains.add(report);
            }
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
        boolean intact = cp.isEmpty() && chains.stream().allMatch(ChainReport::intact);
        return new Report(
                intact,
                records,
                rounds,
                copy != null,
                copy == null ? 0 : copy.count,
                List.copyOf(chains),
                List.copyOf(cp));
    }

    /** Walks one chain and holds it against its signed heads and its head row. */
    private static ChainReport chain(
            AuditRecords.Start walked,
            AuditRecords source,
            Map<String, RetentionMark> marks,
            Map<String, SignedHead> dbHeads,
            Map<String, SignedHead> outsideHeads,
            Map<String, Long> headRows,
            TraceChain hasher,
            CheckpointKeys keys,
            Set<String> authenticated,
            Map<String, CheckpointKeys.Check> verified,
            List<EvidenceProblem> cp) {
        String chain = walked.chain();
        RetentionMark mark = marks.get(chain);
        long first = walked.first();
        String anchor = mark == null ? TraceChain.GENESIS : mark.anchorHash();
        SignedHead db = authentic(dbHeads.get(chain), chain, keys, authenticated, verified, cp);
        SignedHead out = outsideHeads.get(chain);
        SignedHead signed = db;
        if (out != null && (signed == null || out.seq() > signed.seq())) {
            signed = out;
        }
        long signedSeq = signed == null || signed.seq() < first ? 0 : signed.seq();
        String signedHash = signedSeq == 0 ? null : signed.hash();
        TraceChain.Walk w;
        try (AuditRecords.ChainLinks links = source.chain(walked)) {
            w = hasher.walk(chain, links, first, anchor, signedSeq, signedHash);
        }
        List<EvidenceProblem> problems = new ArrayList<>(w.problems());
        long headRow = headRows.getOrDefault(chain, 0L);
        if (headRow > Math.max(w.lastSequence(), signedSeq) && headRow >= first) {
            // weaker evidence than a signature (the row is not signed), but a deletion made without care shows
            problems.add(new EvidenceProblem(
                    EvidenceProblem.Kind.TRUNCATED,
                    chain,
                    Math.max(w.lastSequence(), signedSeq) + 1,
                    headRow,
                    null,
                    "the chain ends at " + w.lastSequence() + " but its head row (trace_chain_head) says " + headRow
                            + ": records deleted at the end, after the last checkpoint"));
        }
        for (int i = 0; i < problems.size(); i++) {
            EvidenceProblem p = problems.get(i);
            if (p.kind() != EvidenceProblem.Kind.TRUNCATED) {
                continue;
            }
            long dbSeq = db == null ? 0 : db.seq();
            if (signed != null && signed.outside() && w.lastSequence() >= dbSeq) {
                problems.set(
                        i,
                        new EvidenceProblem(
                                EvidenceProblem.Kind.ROLLED_BACK,
                                chain,
                                p.from(),
                                p.to(),
                                null,
                                "the database ends at " + w.lastSequence()
                                        + " but the checkpoints kept outside it saw "
                                        + signedSeq + ": records " + TraceChain.range(p.from(), p.to())
                                        + " are gone (restored from an older backup, or deleted)"));
            } else if (w.lastSequence() == first - 1) {
                problems.set(
                        i,
                        new EvidenceProblem(
                                EvidenceProblem.Kind.CHAIN_MISSING,
                                chain,
                                p.from(),
                                p.to(),
                                null,
                                "the whole chain is gone" + (mark == null ? "" : " above its retention mark")
                                        + ": a signed checkpoint saw records up to " + signedSeq));
            }
        }
        return new ChainReport(
                chain,
                problems.isEmpty(),
                w.checked(),
                w.lastSequence(),
                first,
                signedSeq,
                List.copyOf(problems),
                w.more());
    }

    /**
     * A database head is used only when its round is authentic: its signer's rounds are linked
     * without a break up to a last round whose signature verifies, or its own signature verifies.
     * Else it is reported and ignored.
     */
    private static SignedHead authentic(
            SignedHead head,
            String chain,
            CheckpointKeys keys,
            Set<String> authenticated,
            Map<String, CheckpointKeys.Check> verified,
            List<EvidenceProblem> cp) {
        if (head == null) {
            return null;
        }
        if (head.signer() != null && authenticated.contains(head.signer())) {
            return head; // its signer's last round verifies and every link up to it holds
        }
        CheckpointKeys.Check check = verified.computeIfAbsent(head.jws(), jws -> keys.verify(jws, head.signedAt()));
        if (check == CheckpointKeys.Check.VALID) {
            return head;
        }
        cp.add(new EvidenceProblem(
                EvidenceProblem.Kind.BAD_SIGNATURE,
                chain,
                head.seq(),
                head.seq(),
                null,
                "the checkpoint that signed record " + head.seq() + " does not verify (" + describe(check) + ")"));
        return null;
    }

    static String describe(CheckpointKeys.Check check) {
        return switch (check) {
            case VALID -> "valid";
            case UNKNOWN_KEY -> "signed with a key the check was not given";
            case KEY_NOT_VALID_THEN -> "its key was not valid at its time";
            case BAD_SIGNATURE -> "bad signature";
            case MALFORMED -> "not a JWS";
        };
    }

    // ------------------------------------------------------------------ retention marks

    private static Map<String, RetentionMark> marks(Connection c, CheckpointKeys keys, List<EvidenceProblem> cp)
            throws SQLException {
        Map<String, RetentionMark> marks = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT chain, kept_from, anchor_hash, cutoff, period_days, jws"
                        + " FROM trace_retention_mark ORDER BY chain")) {
            while (r.next()) {
                String chain = r.getString(1);
                long keptFrom = r.getLong(2);
                Optional<RetentionMark> parsed = RetentionMark.parse(r.getString(6));
                if (parsed.isEmpty()
                        || !parsed.get().chain().equals(chain)
                        || parsed.get().keptFrom() != keptFrom
                        || !parsed.get().anchorHash().equals(r.getString(3))
                        || parsed.get().periodDays() != r.getInt(5)
                        || !parsed.get().cutoff().equals(instant(r, 4))) {
                    cp.add(new EvidenceProblem(
                            EvidenceProblem.Kind.RETENTION_MARK,
                            chain,
                            keptFrom,
                            keptFrom,
                            null,
                            "the retention mark's row no longer matches what was signed (changed)"));
                    continue;
                }
                RetentionMark m = parsed.get();
                CheckpointKeys.Check check = keys.verify(m.jws(), m.signedAt());
                if (check != CheckpointKeys.Check.VALID) {
                    cp.add(new EvidenceProblem(
                            EvidenceProblem.Kind.BAD_SIGNATURE,
                            chain,
                            keptFrom,
                            keptFrom,
                            null,
                            "the retention mark does not verify (" + describe(check) + ")"));
                    continue;
                }
                if (!m.holds()) {
                    cp.add(new EvidenceProblem(
                            EvidenceProblem.Kind.RETENTION_MARK,
                            chain,
                            keptFrom,
                            keptFrom,
                            null,
                            "the retention mark was signed at " + m.signedAt() + ", less than its period of "
                                    + m.periodDays() + " days after its cut-off " + m.cutoff()));
                    continue;
                }
                marks.put(chain, m);
            }
        }
        return marks;
    }

    // ------------------------------------------------------------------ checkpoint rounds

    /** One signer's rounds as the stream goes. */
    private static final class SignerWalk {
        final String signer;
        long expected;
        String previousDigest;
        CheckpointRound last;
        boolean linksIntact = true;

        SignerWalk(String signer, RetentionMark mark) {
            this.signer = signer;
            this.expected = mark == null ? 1 : mark.keptFrom();
            this.previousDigest = mark == null ? TraceChain.GENESIS : mark.anchorHash();
        }
    }

    private static long rounds(
            Connection c,
            CheckpointKeys keys,
            Map<String, RetentionMark> marks,
            OutsideCopy copy,
            Map<String, SignedHead> heads,
            Set<String> authenticated,
            List<EvidenceProblem> cp)
            throws SQLException {
        long count = 0;
        SignerWalk walk = null;
        try (PreparedStatement p = c.prepareStatement("SELECT signer, round_seq, signed_at, key_id, previous, jws"
                + " FROM trace_checkpoint_round ORDER BY signer, round_seq")) {
            p.setFetchSize(500);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String signer = r.getString(1);
                    long round = r.getLong(2);
                    if (walk == null || !walk.signer.equals(signer)) {
                        endSigner(walk, keys, authenticated, cp);
                        walk = new SignerWalk(signer, marks.get(RetentionMark.roundsOf(signer)));
                    }
                    if (round < walk.expected) {
                        continue; // below the rounds' retention mark: being purged
                    }
                    count++;
                    String jws = r.getString(6);
                    if (copy != null) {
                        copy.matchDatabase(signer, round, jws, cp);
                    }
                    if (round > walk.expected) {
                        cp.add(new EvidenceProblem(
                                EvidenceProblem.Kind.CHECKPOINT_MISSING,
                                signer,
                                walk.expected,
                                round - 1,
                                null,
                                "checkpoint rounds " + TraceChain.range(walk.expected, round - 1) + " of " + signer
                                        + " are missing (deleted)"));
                        walk.previousDigest = null;
                        walk.linksIntact = false;
                    }
                    Optional<CheckpointRound> parsed = CheckpointRound.parse(jws);
                    if (parsed.isEmpty()
                            || !parsed.get().signer().equals(signer)
                            || parsed.get().round() != round
                            || !parsed.get().previous().equals(r.getString(5))
                            || !String.valueOf(parsed.get().kid()).equals(r.getString(4))
                            || parsed.get().signedAt().getEpochSecond()
                                    != instant(r, 3).getEpochSecond()) {
                        cp.add(new EvidenceProblem(
                                EvidenceProblem.Kind.CHECKPOINT_ALTERED,
                                signer,
                                round,
                                round,
                                null,
                                "checkpoint round " + round + " of " + signer
                                        + ": its row no longer matches what was signed (changed)"));
                        walk.previousDigest = null;
                        walk.linksIntact = false;
                        walk.expected = round + 1;
                        continue;
                    }
                    CheckpointRound cr = parsed.get();
                    if (walk.previousDigest != null && !walk.previousDigest.equals(cr.previous())) {
                        cp.add(new EvidenceProblem(
                                EvidenceProblem.Kind.CHECKPOINT_ALTERED,
                                signer,
                                round - 1,
                                round - 1,
                                null,
                                "checkpoint round " + (round - 1) + " of " + signer + " is not the one round " + round
                                        + " follows (changed or replaced)"));
                    }
                    for (CheckpointRound.Head h : cr.heads()) {
                        SignedHead known = heads.get(h.chain());
                        // the latest round that saw a head: the one its signer's last round authenticates best
                        if (known == null || h.seq() >= known.seq()) {
                            heads.put(
                                    h.chain(),
                                    new SignedHead(h.seq(), h.hash(), cr.jws(), cr.signedAt(), false, signer));
                        }
                    }
                    walk.previousDigest = cr.digest();
                    walk.expected = round + 1;
                    walk.last = cr;
                }
            }
        }
        endSigner(walk, keys, authenticated, cp);
        return count;
    }

    /** The last round of a signer authenticates its rounds through their links: its signature must verify. */
    private static void endSigner(
            SignerWalk walk, CheckpointKeys keys, Set<String> authenticated, List<EvidenceProblem> cp) {
        if (walk == null || walk.last == null) {
            return;
        }
        CheckpointKeys.Check check = keys.verify(walk.last.jws(), walk.last.signedAt());
        if (check == CheckpointKeys.Check.VALID && walk.linksIntact) {
            authenticated.add(walk.signer);
        }
        if (check != CheckpointKeys.Check.VALID) {
            cp.add(new EvidenceProblem(
                    EvidenceProblem.Kind.BAD_SIGNATURE,
                    walk.signer,
                    walk.last.round(),
                    walk.last.round(),
                    null,
                    "checkpoint round " + walk.last.round() + " of " + walk.signer + " does not verify ("
                            + describe(check) + ")"));
        }
    }

    /** The checkpoints of the first format (one chain each, before V10): their rows against their payloads. */
    private static void legacyCheckpoints(Connection c, Map<String, SignedHead> heads, List<EvidenceProblem> cp)
            throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT chain, chain_seq, record_hash, jws FROM trace_checkpoint")) {
            while (r.next()) {
                String chain = r.getString(1);
                long seq = r.getLong(2);
                Optional<LegacyCheckpoint> parsed = LegacyCheckpoint.parse(r.getString(4));
                if (parsed.isEmpty()
                        || !parsed.get().chain().equals(chain)
                        || parsed.get().seq() != seq
                        || !parsed.get().hash().equals(r.getString(3))) {
                    cp.add(new EvidenceProblem(
                            EvidenceProblem.Kind.CHECKPOINT_ALTERED,
                            chain,
                            seq,
                            seq,
                            null,
                            "checkpoint " + seq + " of " + chain + ": its row no longer matches what was signed"));
                    continue;
                }
                LegacyCheckpoint l = parsed.get();
                SignedHead known = heads.get(chain);
                if (known == null || l.seq() > known.seq()) {
                    heads.put(chain, new SignedHead(l.seq(), l.hash(), l.jws(), l.signedAt(), false, null));
                }
            }
        }
    }

    /** A checkpoint of the first format: {@code {chain, seq, hash, iat}}, one chain. */
    record LegacyCheckpoint(String chain, long seq, String hash, Instant signedAt, String jws) {
        static final String TYPE = "trace-checkpoint+jwt";

        static Optional<LegacyCheckpoint> parse(String jws) {
            return SignedEvidence.parse(jws).filter(p -> TYPE.equals(p.type())).flatMap(p -> {
                try {
                    var o = p.payload();
                    return Optional.of(new LegacyCheckpoint(
                            o.getString("chain"),
                            o.getJsonNumber("seq").longValueExact(),
                            o.getString("hash"),
                            Instant.ofEpochSecond(o.getJsonNumber("iat").longValueExact()),
                            jws.strip()));
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            });
        }
    }

    // ------------------------------------------------------------------ the copy kept outside

    /**
     * The checkpoint file kept outside the database: per signer, the digest of each round (about
     * 100 bytes a round in memory), and the last round whole; legacy checkpoints by chain.
     */
    private static final class OutsideCopy {
        final Map<String, TreeMap<Long, String>> digests = new HashMap<>();
        final Map<String, CheckpointRound> lastRounds = new HashMap<>();
        final Map<String, LegacyCheckpoint> legacyHeads = new HashMap<>();
        int count;

        static OutsideCopy read(List<String> lines, List<EvidenceProblem> cp) {
            OutsideCopy copy = new OutsideCopy();
            int lineNo = 0;
            for (String line : lines) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Optional<CheckpointRound> round = CheckpointRound.parse(line);
                if (round.isPresent()) {
                    CheckpointRound r = round.get();
                    copy.count++;
                    copy.digests
                            .computeIfAbsent(r.signer(), s -> new TreeMap<>())
                            .put(r.round(), r.digest());
                    CheckpointRound last = copy.lastRounds.get(r.signer());
                    if (last == null || r.round() > last.round()) {
                        copy.lastRounds.put(r.signer(), r);
                    }
                    continue;
                }
                if (RetentionMark.parse(line).isPresent()) {
                    continue; // the server appends its retention marks too; the database's are checked
                }
                Optional<LegacyCheckpoint> legacy = LegacyCheckpoint.parse(line);
                if (legacy.isPresent()) {
                    copy.count++;
                    LegacyCheckpoint l = legacy.get();
                    LegacyCheckpoint known = copy.legacyHeads.get(l.chain());
                    if (known == null || l.seq() > known.seq()) {
                        copy.legacyHeads.put(l.chain(), l);
                    }
                    continue;
                }
                cp.add(new EvidenceProblem(
                        EvidenceProblem.Kind.CHECKPOINT_ALTERED,
                        "outside",
                        lineNo,
                        lineNo,
                        null,
                        "line " + lineNo + " of the checkpoints kept outside is not a checkpoint"));
            }
            return copy;
        }

        /** A database round against the outside copy's: different is a changed checkpoint. */
        void matchDatabase(String signer, long round, String jws, List<EvidenceProblem> cp) {
            TreeMap<Long, String> rounds = digests.get(signer);
            if (rounds == null) {
                return;
            }
            String digest = rounds.remove(round);
            if (digest != null && !digest.equals(SignedEvidence.digest(jws.strip()))) {
                cp.add(new EvidenceProblem(
                        EvidenceProblem.Kind.CHECKPOINT_ALTERED,
                        signer,
                        round,
                        round,
                        null,
                        "checkpoint round " + round + " of " + signer
                                + " differs from the copy kept outside the database"));
            }
        }

        /**
         * The outside rounds the database lacks (above the rounds' retention mark) are deleted
         * checkpoints; the last outside round of each signer, and the latest legacy checkpoint of each
         * chain, give heads once their signatures verify.
         */
        void unmatched(
                Map<String, RetentionMark> marks,
                CheckpointKeys keys,
                Map<String, SignedHead> heads,
                List<EvidenceProblem> cp) {
            for (var e : new TreeMap<>(digests).entrySet()) {
                String signer = e.getKey();
                RetentionMark mark = marks.get(RetentionMark.roundsOf(signer));
                long from = -1;
                long to = -1;
                for (long round : e.getValue().keySet()) {
                    if (mark != null && round < mark.keptFrom()) {
                        continue;
                    }
                    if (from >= 0 && round == to + 1) {
                        to = round;
                        continue;
                    }
                    missing(signer, from, to, cp);
                    from = round;
                    to = round;
                }
                missing(signer, from, to, cp);
            }
            for (CheckpointRound last : lastRounds.values()) {
                CheckpointKeys.Check check = keys.verify(last.jws(), last.signedAt());
                if (check != CheckpointKeys.Check.VALID) {
                    cp.add(new EvidenceProblem(
                            EvidenceProblem.Kind.BAD_SIGNATURE,
                            last.signer(),
                            last.round(),
                            last.round(),
                            null,
                            "the outside copy of checkpoint round " + last.round() + " of " + last.signer()
                                    + " does not verify (" + describe(check) + ")"));
                    continue;
                }
                for (CheckpointRound.Head h : last.heads()) {
                    SignedHead known = heads.get(h.chain());
                    if (known == null || h.seq() > known.seq()) {
                        heads.put(
                                h.chain(), new SignedHead(h.seq(), h.hash(), last.jws(), last.signedAt(), true, null));
                    }
                }
            }
            for (LegacyCheckpoint l : legacyHeads.values()) {
                if (keys.verify(l.jws(), l.signedAt()) != CheckpointKeys.Check.VALID) {
                    continue;
                }
                SignedHead known = heads.get(l.chain());
                if (known == null || l.seq() > known.seq()) {
                    heads.put(l.chain(), new SignedHead(l.seq(), l.hash(), l.jws(), l.signedAt(), true, null));
                }
            }
        }

        private static void missing(String signer, long from, long to, List<EvidenceProblem> cp) {
            if (from < 0) {
                return;
            }
            cp.add(new EvidenceProblem(
                    EvidenceProblem.Kind.CHECKPOINT_MISSING,
                    signer,
                    from,
                    to,
                    null,
                    "checkpoint rounds " + TraceChain.range(from, to) + " of " + signer
                            + " are kept outside the database but not in it (deleted, or the database is older)"));
        }
    }

    // ------------------------------------------------------------------ records

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? Instant.EPOCH : t.toInstant();
    }

    /** A SQL failure crossing the Iterator interface. */
    static final class UncheckedSql extends RuntimeException {
        UncheckedSql(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
