/**
 * The data provider side of Interops-R: validation of identification vectors in the order of §3.5.2 (IR-7..IR-12,
 * D-2, D-4, D-9, D-12, D-13) and the Bearer authentication, challenges and principal of the API that rely on it.
 */
package fr.interopsr.provider;
