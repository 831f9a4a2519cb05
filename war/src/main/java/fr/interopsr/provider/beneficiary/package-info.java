/**
 * The sample personal-data service of the data provider: synthetic beneficiaries read and
 * updated under the scopes of a convention (IR-12), returning only what the scope needs.
 */
package fr.interopsr.provider.beneficiary;
