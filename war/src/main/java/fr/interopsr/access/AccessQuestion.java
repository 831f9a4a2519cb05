package fr.interopsr.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One question to the data provider's rules, as the AuthZEN information model of seed 003 puts it (issue 18 §3):
 * would this subject's call ({@code action} on {@code resource}, at {@code timestamp}, with this context) be allowed?
 * Built by {@link AccessQuestions#parse} from a request body, or directly by the console.
 *
 * @param subjectType     {@value #CLIENT} or {@value #CONVENTION}
 * @param subjectId       the client id, or the convention id
 * @param method          the HTTP method of the call (the AuthZEN {@code action.name}), upper case
 * @param resource        the URI of the call without query or fragment (the AuthZEN {@code resource.id})
 * @param timestamp       when the call is (was) made; null means now
 * @param scopes          the scopes the VI would carry ({@code subject.properties.scopes}); null: those the
 *                        convention allows
 * @param environment     the VI's {@code env} ({@code subject.properties.env}); null: the convention's own
 * @param clientAddress   the caller's address ({@code context.http.client_address}); null when not given
 * @param certificatePem  the client certificate, PEM ({@code context.http.client_certificate}); null when not given
 * @param thumbprint      the client certificate's {@code x5t#S256} when only that is given; null otherwise
 * @param headers         the call's header field lines ({@code context.http.headers}), read but used by no rule
 * @param pinnedRevision  a replay of a recorded call: the convention revision its trace recorded, used instead of
 *                        the one in force at {@code timestamp}; null otherwise
 * @param replayOfTrace   the id of the trace replayed, or null
 */
public record AccessQuestion(
        String subjectType,
        String subjectId,
        String method,
        String resource,
        Instant timestamp,
        List<String> scopes,
        String environment,
        String clientAddress,
        String certificatePem,
        String thumbprint,
        List<String> headers,
        Integer pinnedRevision,
        Long replayOfTrace) {

    public static final String CLIENT = "client";
    public static final String CONVENTION = "convention";

    public AccessQuestion {
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(resource, "resource");
        scopes = scopes == null ? null : List.copyOf(scopes);
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A question about a call at {@code timestamp} (null: now), without scopes, environment, address or certificate. */
    public static AccessQuestion of(String subjectType, String subjectId, String method, String resource, Instant at) {
        return new AccessQuestion(
                subjectType, subjectId, method, resource, at, null, null, null, null, null, List.of(), null, null);
    }

    /** The same question with a client address and a certificate (PEM, or null). */
    public AccessQuestion withTransport(String address, String pem, String x5tS256) {
        return new AccessQuestion(
                subjectType,
                subjectId,
                method,
                resource,
                timestamp,
                scopes,
                environment,
                address,
                pem,
                x5tS256,
                headers,
                pinnedRevision,
                replayOfTrace);
    }

    /** The same question with the scopes the VI would carry. */
    public AccessQuestion withScopes(List<String> vScopes) {
        return new AccessQuestion(
                subjectType,
                subjectId,
                method,
                resource,
                timestamp,
                vScopes,
                environment,
                clientAddress,
                certificatePem,
                thumbprint,
                headers,
                pinnedRevision,
                replayOfTrace);
    }

    /** The subject as traces write it: {@code client:app-client}, {@code convention:cnaf-rise-prod}. */
    public String subjectText() {
        return subjectType + ":" + subjectId;
    }
}
