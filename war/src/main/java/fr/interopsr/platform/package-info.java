/**
 * Shared ground every feature may use, importing no feature: server-wide settings (MP Config), where a request comes
 * from (trusted proxies, IP addresses), the HTTPS-only rule (D-3), the content types the REST APIs require of a change
 * (issue 14), schema migrations (D-25) and the correlation id of a call with its log lines (issue 17); it uses
 * {@code json}.
 */
package fr.interopsr.platform;
