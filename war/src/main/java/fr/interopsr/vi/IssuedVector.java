package fr.interopsr.vi;

import java.time.Instant;

/** A VI just signed: the compact JWS and what the answer and the trace need of it. */
public record IssuedVector(String compact, String jti, String kid, Instant issuedAt, Instant expiresAt,
                           long lifetimeSeconds) {
}
