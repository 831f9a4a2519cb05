/**
 * The composition root, which nothing imports: the JAX-RS application, start-up, the development environment, the
 * one authentication mechanism that dispatches by path (D-21) and the health checks, wiring the features together.
 */
package fr.interopsr.app;
