/**
 * Who may administer: the administrators' accounts (table {@code admin_user}, PBKDF2 hashes), the
 * identity store that checks them, and the login of the console (FORM) and of the admin API (Basic): D-21.
 */
package fr.interopsr.admin.login;
