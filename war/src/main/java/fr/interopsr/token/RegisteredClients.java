package fr.interopsr.token;

import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.pki.ValidatedCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** The clients as the conventions and the secret store know them (D-6). */
@ApplicationScoped
public class RegisteredClients implements ClientDirectory {

    @Inject
    ConventionRegistry registry;

    @Inject
    ClientSecretStore secrets;

    @Override
    public Optional<ClientAuthentication> methodOf(String clientId) {
        return registry.index().methodOf(clientId);
    }

    @Override
    public boolean secretMatches(String clientId, String secret) {
        boolean match = false;
        for (String hash : secrets.currentHashes(clientId)) {
            match |= ClientSecrets.matches(secret, hash);
        }
        return match;
    }

    @Override
    public List<String> clientsBoundTo(ValidatedCertificate certificate) {
        return registry.index().clientsBoundTo(certificate);
    }
}
