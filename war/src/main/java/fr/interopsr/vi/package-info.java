/**
 * The identification vector (VI) itself: the IdP's signing keys and their JWK Set, and the
 * building and signing of a VI with the Interops-R claims (IR-9, IR-10).
 */
package fr.interopsr.vi;
