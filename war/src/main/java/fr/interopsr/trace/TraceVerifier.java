package fr.interopsr.trace;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
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
    fr.interopsr.vi.IdentityProviderKeys keys;

    /** A checkpoint signed by one of this deployment's keys (current or still published). */
    boolean signedByUs(String jws) {
        try {
            com.nimbusds.jose.JWSObject object = com.nimbusds.jose.JWSObject.parse(jws);
            var jwk = keys.keys()
                    .publicJwkSet(java.time.Instant.now())
                    .getKeyByKeyId(object.getHeader().getKeyID());
            if (jwk == null) {
                return false;
            }
            var verifier = new com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory()
                    .createJWSVerifier(
                            object.getHeader(),
                            jwk instanceof com.nimbusds.jose.jwk.ECKey ec
                                    ? ec.toECPublicKey()
                                    : ((com.nimbusds.jose.jwk.RSAKey) jwk).toRSAPublicKey());
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
