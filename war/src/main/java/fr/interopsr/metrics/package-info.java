/**
 * Metrics (D-22): the application's own Micrometer registry with the JVM basics, served at {@code /metrics} in the
 * Prometheus text format, the same on every server; each feature registers its own meters on it.
 */
package fr.interopsr.metrics;
