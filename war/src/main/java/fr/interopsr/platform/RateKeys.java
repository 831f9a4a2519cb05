package fr.interopsr.platform;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;

/**
 * The keys of the rate limits (issue 14 §2). An address counts as itself for IPv4 and as its /64 for IPv6 (one
 * IPv6 subscriber usually holds a whole /64); it is the partner's address of {@link RequestOrigin} (the TCP peer,
 * or what our own proxy forwards, D-2). A client is its claimed {@code client_id} or its certificate's SHA-256,
 * each in a name space of its own.
 */
public final class RateKeys {

    /** Longest key text kept: a claimed client id is the sender's choice. */
    static final int MAX_KEY = 200;

    private RateKeys() {}

    /** The address key: IPv4 as it is, IPv6 as its /64 prefix; text that is no address literal, cut to length. */
    public static String address(String literal) {
        InetAddress parsed = IpAddresses.parse(literal);
        if (parsed instanceof Inet6Address) {
            byte[] bytes = parsed.getAddress();
            HexFormat hex = HexFormat.of();
            StringBuilder b = new StringBuilder(24);
            for (int i = 0; i < 8; i += 2) {
                b.append(hex.toHexDigits(bytes[i]))
                        .append(hex.toHexDigits(bytes[i + 1]))
                        .append(':');
            }
            return b.append(":/64").toString();
        }
        if (parsed != null) {
            return parsed.getHostAddress();
        }
        return cut(literal == null ? "" : literal);
    }

    /** The key of a claimed {@code client_id}. */
    public static String clientId(String clientId) {
        return "id:" + cut(clientId);
    }

    /** The key of a client certificate, by its SHA-256 (hex). */
    public static String certificate(String sha256Hex) {
        return "cert:" + sha256Hex;
    }

    private static String cut(String s) {
        return s.length() > MAX_KEY ? s.substring(0, MAX_KEY) : s;
    }
}
