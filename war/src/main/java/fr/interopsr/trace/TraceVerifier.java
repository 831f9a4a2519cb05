package fr.interopsr.trace;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import fr.interopsr.vi.IdentityProviderKeys;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The server side of the chain walk: {@link TraceAudit} on {@code jdbc/interops} with this node's key. */
@ApplicationScoped
public class TraceVerifier {

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    @Inject
    TraceJournal journal;

    @Inject
    IdentityProviderKeys keys;

    /** A checkpoint signed by one of this deployment's keys (current or still published). */
    boolean signedByUs(String jws) {
        try {
            JWSObject object = JWSObject.parse(jws);
            var jwk = keys.keys()
                    .publicJwkSet(Instant.now())
                    .getKeyByKeyId(object.getHeader().getKeyID());
            if (jwk == null) {
                return false;
            }
            var verifier = new DefaultJWSVerifierFactory()
                    .createJWSVerifier(
                            object.getHeader(),
                            jwk instanceof ECKey ec ? ec.toECPublicKey() : ((RSAKey) jwk).toRSAPublicKey());
            return object.verify(verifier);
        } catch (Exception e) {
            return false;
        }
    }

    public List<TraceAudit.ChainReport> verifyAll() {
        try (Connection c = dataSource.getConnection()) {
            return TraceAudit.verifyAll(c, journal.hasher(), this::signedByUs);
        } catch (SQLException e) {
            throw new IllegalStateException("traces unreadable: " + e.getMessage(), e);
        }
    }
}
