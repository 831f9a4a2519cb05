package fr.interopsr.convention;

import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionStatus;

/**
 * One revision of a convention as the protocol code sees it: the id, the revision number that
 * traces record (D-14), and the document with every term of IR-20.
 */
public record Convention(String id, int revision, ConventionDocument document) {

    public boolean active() {
        return document.status() == ConventionStatus.ACTIVE;
    }

    public String clientId() {
        return document.serviceProvider().clientId();
    }

    public String issuer() {
        return document.identityProvider().issuer();
    }
}
