package fr.interopsr.token;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Checks a client certificate again in the application (IR-13, D-1); empty means accepted. */
@FunctionalInterface
public interface CertificateChecker {

    /** The reason of the refusal, for the trace; empty when the chain is accepted. */
    Optional<String> problem(X509Certificate[] chain);
}
