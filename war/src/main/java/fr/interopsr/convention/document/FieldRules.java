package fr.interopsr.convention.document;

import fr.interopsr.platform.IpAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * The single-value rules of the convention document (IR-10 issuer and URLs, IR-16 scopes, IR-20
 * fields). Each returns {@code null} when the value is fine, else an English message. No rule
 * ever resolves a host name.
 */
final class FieldRules {

    private static final Pattern CONVENTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[\\x21-\\x7E]{1,32}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    /** IR-16: {@code %x21 / %x23-5B / %x5D-7E}, 1..256 characters. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,256}");

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}|(?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}");
    private static final int MAX_URI = 2048;
    private static final int MAX_CLOCK_SYNC = 256;
    private static final int MAX_DN = 1024;

    private FieldRules() {}

    static String conventionId(String s) {
        return CONVENTION_ID.matcher(s).matches()
                ? null
                : "must be 1 to 64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit";
    }

    static String version(String s) {
        return VERSION.matcher(s).matches()
                ? null
                : "must be 1 to 32 printable ASCII characters without spaces (it is the VI's ver: IR-10, D-14)";
    }

    static String environment(String s) {
        return ENVIRONMENT.matcher(s).matches()
                ? null
                : "must be 1 to 32 characters of A-Z a-z 0-9 . _ - (it is the VI's env: IR-10)";
    }

    static String scope(String s) {
        if (s.isEmpty() || s.length() > 256) {
            return "must be 1 to 256 characters long (IR-16)";
        }
        return SCOPE.matcher(s).matches()
                ? null
                : "must be printable ASCII without space, '\"' or '\\' (IR-16: %x21 / %x23-5B / %x5D-7E)";
    }

    static String clientId(String s) {
        return CLIENT_ID.matcher(s).matches() ? null : "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -";
    }

    static String clockSync(String s) {
        if (s.length() > MAX_CLOCK_SYNC) {
            return "must be at most " + MAX_CLOCK_SYNC + " characters (IR-17)";
        }
        return hasControl(s) ? "must not contain control characters" : null;
    }

    static String distinguishedName(String s) {
        if (s.isBlank()) {
            return "must not be empty";
        }
        if (s.length() > MAX_DN) {
            return "must be at most " + MAX_DN + " characters";
        }
        try {
            new X500Principal(s);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a distinguished name (RFC 4514), e.g. CN=app,O=Client: " + e.getMessage();
        }
    }

    static String sha256(String s) {
        return SHA256.matcher(s).matches()
                ? null
                : "must be a SHA-256 fingerprint: 64 hex digits, optionally as colon-separated pairs";
    }

    static String ipLiteral(String s) {
        return IpAddresses.isLiteral(s)
                ? null
                : "must be an IPv4 or IPv6 address literal (no host name, brackets, zone or prefix)";
    }

    /** IR-10 {@code iss}: https, a host, optional port, path; no query, fragment or user info. */
    static String issuer(String s) {
        return httpsUrl(s, false, " (IR-10)");
    }

    /** An https URL with a host, no fragment, no user info; a query only when allowed. */
    static String httpsUrl(String s, boolean queryAllowed) {
        return httpsUrl(s, queryAllowed, "");
    }

    private static String httpsUrl(String s, boolean queryAllowed, String cite) {
        URI uri;
        try {
            uri = parse(s);
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getMessage() + cite;
        }
        if (!"https".equals(uri.getScheme())) {
            return "must be an https URL (scheme 'https' in lower case)" + cite;
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            return "must be an https URL with a host, as https://host/path" + cite;
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain user information (user@)" + cite;
        }
        if (uri.getHost() == null) {
            return "must name a valid host" + cite;
        }
        if (uri.getPort() == -1
                ? !uri.getRawAuthority().equals(uri.getHost())
                : uri.getPort() < 1 || uri.getPort() > 65535) {
            return "must have a port between 1 and 65535, or none" + cite;
        }
        if (!queryAllowed && uri.getRawQuery() != null) {
            return "must not have a query (?…)" + cite;
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment (#…)" + cite;
        }
        return null;
    }

    /** An absolute URI without fragment (RFC 3986 absolute-URI): SP id ({@code aud}), DP service ({@code azp}). */
    static String absoluteUri(String s) {
        URI uri;
        try {
            uri = parse(s);
        } catch (URISyntaxException e) {
            return "is not a valid URI: " + e.getMessage();
        }
        if (!uri.isAbsolute()) {
            return "must be an absolute URI with a scheme, e.g. https://app.example or urn:…";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment (#…)";
        }
        return null;
    }

    private static URI parse(String s) throws URISyntaxException {
        if (s.isEmpty()) {
            throw new URISyntaxException(s, "empty");
        }
        if (s.length() > MAX_URI) {
            throw new URISyntaxException(s.substring(0, 32) + "…", "longer than " + MAX_URI + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                // java.net.URI accepts non-ASCII "other" characters; identifiers here are ASCII only
                throw new URISyntaxException(s, "space, control or non-ASCII character", i);
            }
        }
        return new URI(s);
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
