package fr.interopsr.token;

import fr.interopsr.convention.document.ClientAuthentication;

/** A client whose credentials were accepted, and how (for the trace, IR-18). */
public record AuthenticatedClient(String clientId, ClientAuthentication method, String certificateSha256) {}
