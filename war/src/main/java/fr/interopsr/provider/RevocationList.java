package fr.interopsr.provider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The revocations in force at one moment (issue 17), as this node knows them: an immutable snapshot that every check
 * reads without locking, replaced when {@link Revocations} reloads the table or adds one made here. Lookups are map
 * reads: one VI by ({@code iss}, {@code jti}), a client or a convention by its id and the latest
 * {@link Revocation#issuedBefore()} of its revocations.
 */
public final class RevocationList {

    /** No revocation at all. */
    public static final RevocationList EMPTY = new RevocationList(List.of());

    private record ViKey(String issuer, String jti) {}

    private final List<Revocation> all;
    private final Map<ViKey, Revocation> byVi = new HashMap<>();
    private final Map<String, Revocation> byClient = new HashMap<>();
    private final Map<String, Revocation> byConvention = new HashMap<>();

    private RevocationList(List<Revocation> revocations) {
        this.all = List.copyOf(revocations);
        for (Revocation r : all) {
            switch (r.kind()) {
                case VI -> byVi.putIfAbsent(new ViKey(r.issuer(), r.jti()), r);
                case CLIENT -> byClient.merge(r.clientId(), r, RevocationList::later);
                case CONVENTION -> byConvention.merge(r.conventionId(), r, RevocationList::later);
            }
        }
    }

    private static Revocation later(Revocation a, Revocation b) {
        return a.issuedBefore().isBefore(b.issuedBefore()) ? b : a;
    }

    /** The revocations still kept at {@code now}, newest first. */
    public static RevocationList of(List<Revocation> revocations, Instant now) {
        List<Revocation> kept = new ArrayList<>();
        for (Revocation r : revocations) {
            if (r.keptUntil().isAfter(now)) {
                kept.add(r);
            }
        }
        kept.sort(Comparator.comparing(Revocation::revokedAt).reversed());
        return new RevocationList(kept);
    }

    /** This list with one more revocation (made on this node, effective here at once). */
    public RevocationList with(Revocation revocation) {
        List<Revocation> more = new ArrayList<>(all.size() + 1);
        more.add(revocation);
        for (Revocation r : all) {
            if (!r.id().equals(revocation.id())) {
                more.add(r);
            }
        }
        return new RevocationList(more);
    }

    /**
     * The revocation that covers a VI, if any (issue 17, P-48): the VI itself by ({@code iss}, {@code jti}), or a
     * revocation of its client or convention made at or after the second of its {@code iat}.
     *
     * @param issuer       the VI's {@code iss}
     * @param jti          the VI's {@code jti}
     * @param clientId     the client of its convention ({@code serviceProvider.clientId})
     * @param conventionId its convention's id
     * @param issuedAt     its {@code iat} in seconds since the epoch
     */
    public Optional<Revocation> covering(
            String issuer, String jti, String clientId, String conventionId, long issuedAt) {
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Revocation one = byVi.get(new ViKey(issuer, jti));
        if (one != null) {
            return Optional.of(one);
        }
        Revocation client = clientId == null ? null : byClient.get(clientId);
        if (client != null && issuedAt <= client.issuedBefore().getEpochSecond()) {
            return Optional.of(client);
        }
        Revocation convention = conventionId == null ? null : byConvention.get(conventionId);
        if (convention != null && issuedAt <= convention.issuedBefore().getEpochSecond()) {
            return Optional.of(convention);
        }
        return Optional.empty();
    }

    /** Every revocation of the list, newest first. */
    public List<Revocation> all() {
        return all;
    }

    public int size() {
        return all.size();
    }
}
