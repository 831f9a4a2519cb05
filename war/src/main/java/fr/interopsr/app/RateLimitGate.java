package fr.interopsr.app;

import fr.interopsr.admin.login.AdminAuthentication;
import fr.interopsr.metrics.MetricsRegistry;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.PresentedChain;
import fr.interopsr.platform.CanonicalPath;
import fr.interopsr.platform.RateKeys;
import fr.interopsr.platform.RateLimits;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceUnavailable;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rate limits under {@code /api/} and at the admin login (issue 14 §2), applied by the one mechanism before
 * any VI or password is checked; the token endpoint applies its own ({@code token.TokenEndpoint}). Keys: the
 * partner's address ({@link RequestOrigin}, D-2; IPv6 per /64) and, when a certificate is presented
 * ({@link PresentedChain}), its SHA-256; a call without a certificate is limited per address only. The admin login
 * is the console's login POST and every HTTP Basic call of {@code /admin/api}. Over a limit: 429 with
 * {@code Retry-After} and a trace without body, at most one per key and second: VI_VERIFICATION under
 * {@code /api/}, ACCESS_DECISION under {@code /access/} (issue 18), ADMIN_ACTION at the admin login, error_code {@code rate_limited} (docs/traces.md). Also registers
 * the meters {@code interops.rate.refused} and {@code interops.rate.keys} (docs/monitoring.md).
 */
@ApplicationScoped
public class RateLimitGate {

    private static final Logger LOG = Logger.getLogger(RateLimitGate.class.getName());

    /** Request attribute: this request has been counted (the mechanism may run twice for one request, D-4). */
    static final String COUNTED = RateLimitGate.class.getName() + ".counted";

    /** Servlet 6.0 "SSL Attributes": set once the container exposes the TLS details (D-4). */
    private static final String CIPHER_SUITE = "jakarta.servlet.request.cipher_suite";

    @Inject
    RateLimits limits;

    @Inject
    ServerSettings settings;

    @Inject
    TraceJournal journal;

    @Inject
    MetricsRegistry metricsRegistry;

    /** Registers the meters at start-up, so that they read 0 before any refusal. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        register(metricsRegistry.registry(), limits);
    }

    static void register(MeterRegistry registry, RateLimits limits) {
        for (RateLimits.Door door : RateLimits.Door.values()) {
            for (RateLimits.KeyKind kind : RateLimits.KeyKind.values()) {
                FunctionCounter.builder("interops.rate.refused", limits, l -> l.refusals(door, kind))
                        .description("Requests refused with 429 by a rate limit, by endpoint and key kind (per node)")
                        .tag("endpoint", door.configName())
                        .tag("key", kind.tag())
                        .register(registry);
                Gauge.builder("interops.rate.keys", limits, l -> l.keys(door, kind))
                        .description("Keys a rate limit remembers now (bounded by interops.rate.max-keys)")
                        .tag("endpoint", door.configName())
                        .tag("key", kind.tag())
                        .register(registry);
            }
        }
    }

    /**
     * Whether the request is over a limit; if so the 429 has been answered.
     *
     * @param path the canonical path ({@link CanonicalPath})
     */
    public boolean refused(HttpServletRequest request, HttpServletResponse response, String path) {
        RateLimits.Door door = door(request, path);
        if (door == null || request.getAttribute(COUNTED) != null) {
            return false;
        }
        boolean waitsForCertificate = door == RateLimits.Door.API
                || (door == RateLimits.Door.ACCESS && !AdminAuthentication.hasBasic(request));
        if (waitsForCertificate && request.isSecure() && request.getAttribute(CIPHER_SUITE) == null) {
            return false; // the certificate is not visible yet: counted when the mechanism runs again (D-4)
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        RequestOrigin origin = RequestOrigin.of(
                request.getRemoteAddr(), request.isSecure(), request::getHeader, settings.trustedProxies());
        X509Certificate leaf = PresentedChain.of(request, origin).leaf();
        String sha256 = leaf == null ? null : CertificateBinding.sha256Hex(leaf);
        RateLimits.Refusal refusal =
                limits.check(door, origin.clientAddress(), sha256 == null ? null : RateKeys.certificate(sha256));
        if (refusal == null) {
            return false;
        }
        if (refusal.traceDue()) {
            trace(door, request, path, origin, sha256, refusal);
        }
        RateLimits.answer(response, refusal);
        return true;
    }

    /** Which limit the request falls under, or null. */
    static RateLimits.Door door(HttpServletRequest request, String path) {
        if (CanonicalPath.under(path, "/api")) {
            return RateLimits.Door.API;
        }
        if (CanonicalPath.under(path, "/access")) {
            return RateLimits.Door.ACCESS; // issue 18: the access API, partners and staff alike
        }
        if (CanonicalPath.under(path, "/admin/api")
                || (path.equals("/admin/login") && "POST".equals(request.getMethod()))) {
            return RateLimits.Door.ADMIN_LOGIN;
        }
        return null;
    }

    private void trace(
            RateLimits.Door door,
            HttpServletRequest request,
            String path,
            RequestOrigin origin,
            String sha256,
            RateLimits.Refusal refusal) {
        String detail = "over the " + refusal.kind().configName() + " rate limit";
        try {
            if (door == RateLimits.Door.API || door == RateLimits.Door.ACCESS) {
                TraceKind kind = door == RateLimits.Door.API ? TraceKind.VI_VERIFICATION : TraceKind.ACCESS_DECISION;
                journal.submit(TraceEntry.builder(kind, Instant.now())
                        .failure("rate_limited", detail)
                        .remoteAddress(origin.clientAddress())
                        .certificateSha256(sha256)
                        .action(request.getMethod(), path, 429, null)
                        .build());
            } else {
                journal.recordAdmin(TraceEntry.builder(TraceKind.ADMIN_ACTION, Instant.now())
                        .failure("rate_limited", detail)
                        .remoteAddress(origin.clientAddress())
                        .certificateSha256(sha256)
                        .action(request.getMethod(), path, 429, null)
                        .build());
            }
        } catch (TraceUnavailable e) {
            LOG.log(Level.FINE, "rate-limit trace not taken", e);
        }
    }
}
