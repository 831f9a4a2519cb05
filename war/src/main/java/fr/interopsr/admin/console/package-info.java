/** The administration web console at {@code /admin/}: server-rendered HTML from JAX-RS over the admin service layer, no JavaScript (issue 4, D-19, D-21). */
package fr.interopsr.admin.console;
