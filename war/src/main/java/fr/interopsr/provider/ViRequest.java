package fr.interopsr.provider;

import fr.interopsr.pki.ValidatedCertificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link ViValidator} needs from one API call: the compact VI taken from {@code Authorization: Bearer}, or why
 * the transport of the VI is already wrong (IR-7, IR-8: in the query or the body, sent twice, not Bearer), the
 * client's address (D-2: the TCP peer, or the address a trusted proxy forwarded), its TLS client certificate already
 * checked under D-1 (null when none), and the time of the call.
 *
 * @param vi                 the compact VI; null when there is none or when {@code transportFailure} is set
 * @param transportFailure   why the request breaks IR-7 (for the trace), or null
 * @param clientAddress      IPv4/IPv6 literal of the caller, or null when unknown
 * @param clientCertificate  the caller's certificate as validated under D-1, with the facts of its validated path
 *                           (issue 14 §3); null when none
 * @param now                the time the checks are made at
 */
public record ViRequest(
        String vi, String transportFailure, String clientAddress, ValidatedCertificate clientCertificate, Instant now) {

    public ViRequest {
        Objects.requireNonNull(now, "now");
    }

    /** A call that carries {@code vi} in {@code Authorization: Bearer}. */
    public static ViRequest bearer(
            String vi, String clientAddress, ValidatedCertificate clientCertificate, Instant now) {
        return new ViRequest(vi, null, clientAddress, clientCertificate, now);
    }

    /** A call whose VI travels in a way IR-7 refuses; {@code reason} goes to the trace. */
    public static ViRequest transportFailure(
            String reason, String clientAddress, ValidatedCertificate clientCertificate, Instant now) {
        return new ViRequest(
                null, reason == null ? "VI transport refused (IR-7)" : reason, clientAddress, clientCertificate, now);
    }

    /**
     * Applies IR-7 to what the HTTP layer saw: the VI only in one {@code Authorization: Bearer} header (scheme
     * case-insensitive, RFC 7235), never also or instead in the query or body ({@code access_token} of RFC 6750
     * §2.2-2.3). No Authorization header and no VI elsewhere gives a request without VI (IR-8: no {@code error}).
     *
     * @param authorizationValues every {@code Authorization} header value of the request (possibly empty)
     * @param viInQuery           whether the query carries an {@code access_token}
     * @param viInBody            whether the form body carries an {@code access_token}
     */
    public static ViRequest fromHttp(
            List<String> authorizationValues,
            boolean viInQuery,
            boolean viInBody,
            String clientAddress,
            ValidatedCertificate clientCertificate,
            Instant now) {
        List<String> values = authorizationValues == null ? List.of() : authorizationValues;
        if (viInQuery || viInBody) {
            String where = viInQuery && viInBody ? "query and body" : viInQuery ? "query" : "body";
            String also = values.isEmpty() ? "" : ", besides an Authorization header";
            return transportFailure(
                    "VI in the " + where + also + "; only Authorization: Bearer is allowed (IR-7)",
                    clientAddress,
                    clientCertificate,
                    now);
        }
        if (values.isEmpty()) {
            return bearer(null, clientAddress, clientCertificate, now);
        }
        if (values.size() > 1) {
            return transportFailure(
                    values.size() + " Authorization headers: the VI is sent once (IR-7, IR-8)",
                    clientAddress,
                    clientCertificate,
                    now);
        }
        String value = values.get(0) == null ? "" : values.get(0);
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            return transportFailure("Authorization scheme is not Bearer (IR-7)", clientAddress, clientCertificate, now);
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (token.isEmpty()) {
            return transportFailure("Authorization: Bearer without a VI (IR-7)", clientAddress, clientCertificate, now);
        }
        return bearer(token, clientAddress, clientCertificate, now);
    }

    /** True when the request carries no VI at all and breaks no transport rule (IR-8: challenge without error). */
    public boolean noVi() {
        return vi == null && transportFailure == null;
    }
}
