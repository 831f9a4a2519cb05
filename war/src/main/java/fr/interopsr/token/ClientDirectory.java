package fr.interopsr.token;

import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.pki.ValidatedCertificate;
import java.util.List;
import java.util.Optional;

/**
 * What client authentication needs to know of the registered clients (D-6): the method their
 * conventions fix, their secrets (as hashes) and the certificates bound to them.
 */
public interface ClientDirectory {

    /** The method the client's conventions agree on; empty for an unknown client. */
    Optional<ClientAuthentication> methodOf(String clientId);

    /** Whether the secret is one of the client's current secrets (constant time per candidate). */
    boolean secretMatches(String clientId, String secret);

    /**
     * The {@code tls_client_auth} clients this validated certificate is bound to: by fingerprint, or by names when
     * its issuer is a trusted CA certificate by key (issue 14 §3).
     */
    List<String> clientsBoundTo(ValidatedCertificate certificate);
}
