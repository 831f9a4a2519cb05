/**
 * The identity provider's token endpoint: OAuth 2.0 client_credentials as Interops-R §3.3 says
 * (IR-1..IR-6), client authentication (HTTP Basic, X.509), scope resolution and the VI answer.
 */
package fr.interopsr.token;
