package fr.interopsr.convention;

import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * {@code interops.conventions.refresh-seconds} (2 s) for a change made on another node (D-16).
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
    public record UploadedCertificate(String clientId, String sha256) {
    }

    /**
     * An immutable view of the conventions of one moment.
     *
     * @param mark the change mark it was built at
     */
    public record ConventionIndex(List<Convention> all, Map<String, List<Convention>> activeByClient,
                                  Map<String, ClientAuthentication> methodByClient,
                                  Map<CertificateBinding, List<String>> tlsBindings, long mark,
                                  Map<ViKey, List<Convention>> activeByVi, Map<String, List<Convention>> activeByScope) {

        static final ConventionIndex EMPTY = new ConventionIndex(List.of(), Map.of(), Map.of(), Map.of(), -1,
                Map.of(), Map.of());

        /** What identifies a convention in a VI, §3.5.2 step 7: {@code iss}, {@code aud}, {@code azp}, {@code ver}. */
        public record ViKey(String iss, String aud, String azp, String ver) {
        }

        public static ConventionIndex of(List<Convention> conventions, long mark) {
            return of(conventions, List.of(), mark);
        }

        /**
         * The index of these conventions, with the uploaded certificates bound to their client by
         * fingerprint when that client authenticates with {@code tls_client_auth} (D-6).
         */
        public static ConventionIndex of(List<Convention> conventions, List<UploadedCertificate> uploaded,
                                         long mark) {
            Map<String, List<Convention>> active = new HashMap<>();
            Map<String, ClientAuthentication> methods = new HashMap<>();
            Map<CertificateBinding, List<String>> bindings = new LinkedHashMap<>();
            Map<ViKey, List<Convention>> byVi = new HashMap<>();
            Map<String, List<Convention>> byScope = new HashMap<>();
            for (Convention c : conventions) {
                var doc = c.document();
                if (doc.status() == ConventionStatus.RETIRED) {
                    continue;
                }
                methods.putIfAbsent(c.clientId(), doc.identityProvider().clientAuthentication());
                if (doc.status() == ConventionStatus.ACTIVE) {
                    active.computeIfAbsent(c.clientId(), k -> new ArrayList<>()).add(c);
                    byVi.computeIfAbsent(new ViKey(c.issuer(), doc.serviceProvider().id(),
                            doc.dataProvider().serviceId(), doc.version()), k -> new ArrayList<>()).add(c);
                    doc.scopes().forEach(s -> byScope.computeIfAbsent(s, k -> new ArrayList<>()).add(c));
                }
                var cert = doc.serviceProvider().certificate();
                if (doc.identityProvider().clientAuthentication() == ClientAuthentication.TLS_CLIENT_AUTH
                        && cert.isPresent()) {
                    CertificateBinding binding = new CertificateBinding(cert.get().subjectDn().orElse(null),
                            cert.get().issuerDn().orElse(null), cert.get().sha256().orElse(null));
                    List<String> clients = bindings.computeIfAbsent(binding, k -> new ArrayList<>());
                    if (!clients.contains(c.clientId())) {
                        clients.add(c.clientId());
                    }
                }
            }
            for (UploadedCertificate u : uploaded) {
                if (methods.get(u.clientId()) == ClientAuthentication.TLS_CLIENT_AUTH) {
                    List<String> clients = bindings.computeIfAbsent(CertificateBinding.ofSha256(u.sha256()),
                            k -> new ArrayList<>());
                    if (!clients.contains(u.clientId())) {
                        clients.add(u.clientId());
                    }
                }
            }
            active.replaceAll((k, v) -> List.copyOf(v));
            bindings.replaceAll((k, v) -> List.copyOf(v));
            byVi.replaceAll((k, v) -> List.copyOf(v));
            byScope.replaceAll((k, v) -> List.copyOf(v));
            return new ConventionIndex(List.copyOf(conventions), Map.copyOf(active), Map.copyOf(methods),
                    bindings, mark, Map.copyOf(byVi), Map.copyOf(byScope));
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
                    .filter(c -> c.issuer().equals(issuer)).toList();
        }

        public Optional<ClientAuthentication> methodOf(String clientId) {
            return Optional.ofNullable(methodByClient.get(clientId));
        }

        public List<String> clientsBoundTo(X509Certificate certificate) {
            List<String> out = new ArrayList<>();
            tlsBindings.forEach((binding, clients) -> {
                if (binding.matches(certificate)) {
                    clients.stream().filter(id -> !out.contains(id)).forEach(out::add);
                }
            });
            return out;
        }

        public Optional<Convention> byId(String id) {
            return all.stream().filter(c -> c.id().equals(id)).findFirst();
        }
    }
}
