/**
 * The administration REST API of conventions ({@code /admin/api/conventions}, {@code /admin/api/certificates}):
 * versioned revisions and their life cycle, client secrets and certificates, export and import, each change traced (D-6, D-14, D-17).
 */
package fr.interopsr.admin;
