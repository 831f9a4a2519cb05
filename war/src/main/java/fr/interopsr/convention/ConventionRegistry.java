package fr.interopsr.convention;

import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's index of the conventions, built from the database and rebuilt when the database
 * says something changed: at once after a change made here, within
 * {@code interops.conventions.refresh-seconds} (1 s) and one look for a change made on another node: within
 * D-16's 2 s (P-35).
 * Never one query per request for the lookup itself.
 */
@ApplicationScoped
public class ConventionRegistry {

    private static final Logger LOG = Logger.getLogger(ConventionRegistry.class.getName());

    @Inject
    ConventionStore store;

    @Inject
    ServerSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile ConventionIndex index = ConventionIndex.EMPTY;
    private ScheduledFuture<?> poller;

    /** Loads the index and starts watching the database for changes. */
    public void start() {
        refresh();
        int every = settings.conventionRefreshSeconds();
        poller = scheduler.scheduleWithFixedDelay(this::refreshIfChanged, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.cancel(false);
        }
    }

    /** Rebuilds the index from the database now. */
    public synchronized void refresh() {
        long mark = store.changeMark();
        index = ConventionIndex.of(store.currentRevisions(), store.uploadedCertificates(), mark);
    }

    void refreshIfChanged() {
        try {
            if (store.changeMark() != index.mark()) {
                refresh();
                LOG.info(() -> "conventions reloaded: " + index.size() + " conventions");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "conventions not reloaded (database unavailable?)", e);
        }
    }

    public ConventionIndex index() {
        return index;
    }

    /** A client certificate uploaded through the administration: it binds its client by fingerprint (D-6). */
    public record UploadedCertificate(String clientId, String sha256) {}

    /**
     * An immutable view of the conventions of one moment.
     *
     * @param mark the change mark it was built at
     */
    public record ConventionIndex(
            List<Convention> all,
            Map<String, List<Convention>> activeByClient,
            Map<String, ClientAuthentication> methodByClient,
            Map<Object, List<String>> clientsByCertificateKey,
            long mark,
            Map<ViKey, List<Convention>> activeByVi,
            Map<String, List<Convention>> activeByScope,
            Map<String, Convention> byId) {

        static final ConventionIndex EMPTY =
                new ConventionIndex(List.of(), Map.of(), Map.of(), Map.of(), -1, Map.of(), Map.of(), Map.of());

        /** What identifies a convention in a VI, §3.5.2 step 7: {@code iss}, {@code aud}, {@code azp}, {@code ver}. */
        public record ViKey(String iss, String aud, String azp, String ver) {}

        public static ConventionIndex of(List<Convention> conventions, long mark) {
            return of(conventions, List.of(), mark);
        }

        /**
         * The index of these conventions, with the uploaded certificates bound to their client by
         * fingerprint when that client authenticates with {@code tls_client_auth} (D-6).
         */
        public static ConventionIndex of(List<Convention> conventions, List<UploadedCertificate> uploaded, long mark) {
            Map<String, List<Convention>> active = new HashMap<>();
            Map<String, ClientAuthentication> methods = new HashMap<>();
            // keyed by CertificateBinding.indexKey(): a lookup per certificate, not a scan (issue 8)
            Map<Object, List<String>> bindings = new HashMap<>();
            Map<String, Convention> byId = new HashMap<>();
            Map<ViKey, List<Convention>> byVi = new HashMap<>();
            Map<String, List<Convention>> byScope = new HashMap<>();
            for (Convention c : conventions) {
                byId.putIfAbsent(c.id(), c);
                var doc = c.document();
                if (doc.status() == ConventionStatus.RETIRED) {
                    continue;
                }
                methods.putIfAbsent(c.clientId(), doc.identityProvider().clientAuthentication());
                if (doc.status() == ConventionStatus.ACTIVE) {
                    active.computeIfAbsent(c.clientId(), k -> new ArrayList<>()).add(c);
                    byVi.computeIfAbsent(
                                    new ViKey(
                                            c.issuer(),
                                            doc.serviceProvider().id(),
                                            doc.dataProvider().serviceId(),
                                            doc.version()),
                                    k -> new ArrayList<>())
                            .add(c);
                    doc.scopes().forEach(s -> byScope.computeIfAbsent(s, k -> new ArrayList<>())
                            .add(c));
                }
                var cert = doc.serviceProvider().certificate();
                if (doc.identityProvider().clientAuthentication() == ClientAuthentication.TLS_CLIENT_AUTH
                        && cert.isPresent()) {
                    bind(
                            bindings,
                            new CertificateBinding(
                                    cert.get().subjectDn().orElse(null),
                                    cert.get().issuerDn().orElse(null),
                                    cert.get().sha256().orElse(null)),
                            c.clientId());
                }
            }
            for (UploadedCertificate u : uploaded) {
                if (methods.get(u.clientId()) == ClientAuthentication.TLS_CLIENT_AUTH) {
                    bind(bindings, CertificateBinding.ofSha256(u.sha256()), u.clientId());
                }
            }
            active.replaceAll((k, v) -> List.copyOf(v));
            bindings.replaceAll((k, v) -> List.copyOf(v));
            byVi.replaceAll((k, v) -> List.copyOf(v));
            byScope.replaceAll((k, v) -> List.copyOf(v));
            return new ConventionIndex(
                    List.copyOf(conventions),
                    Map.copyOf(active),
                    Map.copyOf(methods),
                    Map.copyOf(bindings),
                    mark,
                    Map.copyOf(byVi),
                    Map.copyOf(byScope),
                    Map.copyOf(byId));
        }

        private static void bind(Map<Object, List<String>> bindings, CertificateBinding binding, String clientId) {
            binding.indexKey().ifPresent(key -> {
                List<String> clients = bindings.computeIfAbsent(key, k -> new ArrayList<>());
                if (!clients.contains(clientId)) {
                    clients.add(clientId);
                }
            });
        }

        /** The active conventions a VI's (iss, aud, azp, ver) names: one, or none (D-14 uniqueness), §3.5.2 step 7. */
        public List<Convention> activeFor(String iss, String aud, String azp, String ver) {
            return activeByVi.getOrDefault(new ViKey(iss, aud, azp, ver), List.of());
        }

        /** The active conventions whose scopes contain this scope (§3.5.2 step 9). */
        public List<Convention> activeWithScope(String scope) {
            return activeByScope.getOrDefault(scope, List.of());
        }

        public int size() {
            return all.size();
        }

        /** The client's active conventions whose issuer is the given one (D-7). */
        public List<Convention> activeOf(String clientId, String issuer) {
            return activeByClient.getOrDefault(clientId, List.of()).stream()
                    .filter(c -> c.issuer().equals(issuer))
                    .toList();
        }

        public Optional<ClientAuthentication> methodOf(String clientId) {
            return Optional.ofNullable(methodByClient.get(clientId));
        }

        /**
         * The tls_client_auth clients this validated certificate is bound to, by fingerprint or by names (D-6); by
         * names only when its issuer is a trusted CA certificate by key (issue 14 §3).
         */
        public List<String> clientsBoundTo(ValidatedCertificate certificate) {
            if (certificate == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>(2);
            for (Object key : CertificateBinding.indexKeysOf(certificate)) {
                for (String id : clientsByCertificateKey.getOrDefault(key, List.of())) {
                    if (!out.contains(id)) {
                        out.add(id);
                    }
                }
            }
            return out;
        }

        public Optional<Convention> byId(String id) {
            return Optional.ofNullable(byId.get(id));
        }
    }
}
