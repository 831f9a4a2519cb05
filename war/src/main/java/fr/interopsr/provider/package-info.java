/**
 * The data provider side of Interops-R: validation of identification vectors in the order of §3.5.2 (IR-7..IR-12,
 * D-2, D-4, D-9, D-12, D-13) and the Bearer authentication, challenges and principal of the API that rely on it.
 * Each check of the validation is one {@code Step} class ({@code TimeStep}, ...), and
 * {@code ViValidator} runs them from one list in the order of §3.5.2.
 */
package fr.interopsr.provider;
