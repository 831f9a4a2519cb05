/**
 * Traces: the durable record of every VI generation (IR-18), verification and transaction
 * (IR-19), committed before the answer leaves the server.
 */
package fr.interopsr.trace;
