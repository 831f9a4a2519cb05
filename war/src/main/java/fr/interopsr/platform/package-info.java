/**
 * What every feature stands on: the JAX-RS application, start-up order, schema migrations,
 * server-wide settings (MP Config), transport rules (HTTPS only, trusted proxies) and health.
 */
package fr.interopsr.platform;
