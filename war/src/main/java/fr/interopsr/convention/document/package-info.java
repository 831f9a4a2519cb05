/**
 * The convention document of CONTRACT.md (IR-20): immutable records, their JSON names, and the reader
 * that validates a document and lists every problem at once (IR-9, IR-10, IR-16, D-9, D-14).
 */
package fr.interopsr.convention.document;
