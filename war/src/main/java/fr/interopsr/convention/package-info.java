/**
 * Conventions, the agreements between organisations (IR-20): their immutable revisions in JPA
 * tables (D-14), the import of convention files (D-15) and the per-node index of active ones (D-16).
 */
package fr.interopsr.convention;
