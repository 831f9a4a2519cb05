/**
 * X.509 trust for Interops-R: trust anchors and CRLs loaded from {@code truststores/} (reloaded on change),
 * client-certificate validation (IR-13, D-1), forwarded RFC 9440 certificates (D-2), certificate bindings and the dev PKI.
 */
package fr.interopsr.pki;
