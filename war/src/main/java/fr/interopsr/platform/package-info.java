/**
 * Shared ground every feature may use, importing no feature: server-wide settings (MP Config), where a request comes
 * from (trusted proxies, IP addresses), the HTTPS-only rule (D-3), the content types the REST APIs require of a change
 * (issue 14) and schema migrations (D-25); it uses {@code json}.
 */
package fr.interopsr.platform;
