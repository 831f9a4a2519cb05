package fr.interopsr.token;

import fr.interopsr.pki.CertificateCheck;
import java.security.cert.X509Certificate;

/**
 * Checks a client certificate again in the application (IR-13, D-1): refused with the reason for the trace, or
 * accepted with the facts of its validated path, which name bindings need (issue 14 §3).
 */
@FunctionalInterface
public interface CertificateChecker {

    /** The check of the chain, leaf first. */
    CertificateCheck check(X509Certificate[] chain);
}
