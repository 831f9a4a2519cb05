package fr.interopsr.vi;

import fr.interopsr.platform.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.logging.Logger;

/**
 * Holds this node's signing keys, loaded once at start-up from the key store that MP Config names
 * ({@code interops.signing.keystore}, {@code interops.signing.keystore-password}: D-23).
 */
@ApplicationScoped
public class IdentityProviderKeys {

    private static final Logger LOG = Logger.getLogger(IdentityProviderKeys.class.getName());

    @Inject
    ServerSettings settings;

    private volatile SigningKeys keys;

    /** Loads the keys; a key store that breaks a rule (RSA under 2048 bits, ...) stops the start. */
    public void load() throws IOException, GeneralSecurityException {
        SigningKeys loaded = SigningKeys.load(settings.signingKeystore(), settings.signingKeystorePassword());
        for (SigningKey k : loaded.all()) {
            LOG.info(() -> "signing key " + k.alias() + ": " + k.algorithm() + " kid=" + k.kid() + " valid "
                    + k.notBefore() + " .. " + k.notAfter());
        }
        keys = loaded;
    }

    /** The keys; throws until {@link #load()} has succeeded. */
    public SigningKeys keys() {
        SigningKeys k = keys;
        if (k == null) {
            throw new IllegalStateException("signing keys not loaded");
        }
        return k;
    }

    public boolean loaded() {
        return keys != null;
    }
}
