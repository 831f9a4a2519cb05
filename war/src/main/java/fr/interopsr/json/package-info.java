/**
 * Strict JSON for untrusted input: UTF-8 only, no duplicate members, bounded size and depth (IR-9, IR-10, §3.5.2 steps 3 and 6),
 * and the canonical JSON form (sorted members, compact) used to hash documents (D-15).
 */
package fr.interopsr.json;
