/**
 * Access decisions that anyone concerned can ask and replay (issue 18 §3, seed 003 on the OpenID AuthZEN
 * Authorization API 1.0, D-27): {@code POST /access/v1/evaluation} and {@code /evaluations}, the discovery document
 * {@code /.well-known/authzen-configuration}, and {@code GET /access/v1/decisions}, which shows a partner the data
 * provider's decisions about its own calls. The decision comes from the data provider's own rules
 * ({@code provider.AccessRules}) under the convention revision in force at the question's time; every evaluation is
 * traced as a dry-run {@code ACCESS_DECISION}. {@link fr.interopsr.access.AccessService} is the in-process service the
 * console calls. It uses {@code provider}, {@code convention}, {@code pki} and {@code trace}; the branch of the one
 * authentication mechanism that reaches it is wired in {@code app} (D-21, D-27).
 */
package fr.interopsr.access;
