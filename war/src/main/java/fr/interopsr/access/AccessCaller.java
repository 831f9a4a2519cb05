package fr.interopsr.access;

import java.util.Objects;
import java.util.Set;

/**
 * Who asks (D-27): a partner client authenticated by its TLS client certificate bound to it, which may ask about
 * itself only and list its own decisions; or a member of staff (HTTP Basic on {@code /access}, or the console), with
 * the roles {@value #ADMIN} and {@value #AUDITOR} to evaluate and {@value #AUDITOR} to list any client's decisions.
 *
 * @param actor             who, as traces name it: the staff user name, or {@code client:<clientId>}
 * @param clientId          the partner client; null for staff
 * @param roles             the staff roles; empty for a partner
 * @param authMethod        {@code tls_client_auth} (a partner), {@code basic} (the access API), {@code console}
 * @param remoteAddress     the caller's address (D-2), or null
 * @param certificateSha256 the SHA-256 of the caller's client certificate, or null
 */
public record AccessCaller(
        String actor,
        String clientId,
        Set<String> roles,
        String authMethod,
        String remoteAddress,
        String certificateSha256) {

    /** Role of the administrators (D-19). */
    public static final String ADMIN = "interops-admin";
    /** Role of the auditors (D-19). */
    public static final String AUDITOR = "interops-auditor";
    /** The role a partner client gets on {@code /access} (D-27). */
    public static final String PARTNER = "interops-partner";

    public AccessCaller {
        Objects.requireNonNull(actor, "actor");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** A partner client, authenticated by its certificate. */
    public static AccessCaller partner(String clientId, String remoteAddress, String certificateSha256) {
        return new AccessCaller(
                "client:" + clientId, clientId, Set.of(PARTNER), "tls_client_auth", remoteAddress, certificateSha256);
    }

    /** A member of staff, with the roles the identity store gave. */
    public static AccessCaller staff(String user, Set<String> roles, String authMethod, String remoteAddress) {
        return new AccessCaller(user, null, roles, authMethod, remoteAddress, null);
    }

    public boolean partner() {
        return clientId != null;
    }

    /** Staff who may evaluate: an administrator or an auditor. */
    public boolean mayEvaluate() {
        return partner() || roles.contains(ADMIN) || roles.contains(AUDITOR);
    }

    /** Staff who may list any client's decisions: an auditor. */
    public boolean auditor() {
        return !partner() && roles.contains(AUDITOR);
    }
}
