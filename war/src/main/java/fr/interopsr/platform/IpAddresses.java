package fr.interopsr.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;

/**
 * Syntax of IPv4 and IPv6 address literals for {@code reverseProxyIps} (IR-20 "IP addresses of
 * its reverse proxies"). Pure text checks: never a DNS lookup. IPv4 is dotted decimal without
 * leading zeros; IPv6 is RFC 4291 §2.2 text (with {@code ::} and a dotted IPv4 tail), without
 * brackets, zone or prefix length. Addresses are compared as addresses, not as text
 * ({@code ::1} is {@code 0:0:0:0:0:0:0:1}: D-2).
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** The address of a literal, or null when it is not one (no DNS lookup ever). */
    public static InetAddress parse(String literal) {
        if (literal == null || !isLiteral(literal.strip())) {
            return null;
        }
        try {
            return InetAddress.getByName(literal.strip());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the address is one of the literals (compared as addresses). */
    public static boolean contains(Collection<String> literals, String address) {
        InetAddress a = parse(address);
        if (a == null) {
            return false;
        }
        for (String literal : literals) {
            if (a.equals(parse(literal))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isLiteral(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    public static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0) {
            return false;
        }
        String head = s;
        int groups = 8;
        String tail = s.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            if (!isIpv4(tail)) {
                return false;
            }
            groups = 6;
            head = s.substring(0, lastColon + 1);
            if (!head.endsWith("::")) {
                head = head.substring(0, head.length() - 1);
            }
        }
        int compressed = head.indexOf("::");
        if (compressed < 0) {
            return countGroups(head) == groups;
        }
        if (head.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        String left = head.substring(0, compressed);
        String right = head.substring(compressed + 2);
        int l = left.isEmpty() ? 0 : countGroups(left);
        int r = right.isEmpty() ? 0 : countGroups(right);
        return l >= 0 && r >= 0 && l + r <= groups - 1;
    }

    /** Number of colon-separated hex groups of 1..4 digits, or -1 when malformed. */
    private static int countGroups(String s) {
        String[] parts = s.split(":", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 4) {
                return -1;
            }
            for (int i = 0; i < part.length(); i++) {
                if (!isAsciiHex(part.charAt(i))) {
                    return -1;
                }
            }
        }
        return parts.length;
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
